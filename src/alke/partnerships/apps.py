from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "alke.partnerships"
    label = "partnerships"
    verbose_name = _("Kumppanuusrekisteri")

    def ready(self) -> None:
        from alke.core.registry import register_demo, register_nav, register_region_panel
        from alke.partnerships.demo import load_demo

        register_nav(80, "partnerships:index", _("Kumppanuudet"))
        register_region_panel(80, "partnerships/partials/region_panel.html", region_panel)
        register_demo(80, "partnerships", load_demo)


def region_panel(request, region) -> dict | None:
    """A region's page lists the public agreements, networks and zones acting in the region."""
    from alke.partnerships.selectors import for_region

    if not region.is_mainland:
        return None
    return {"partnerships": for_region(region)}
