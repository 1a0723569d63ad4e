from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "alke.agreements"
    label = "agreements"
    verbose_name = _("Johtopäätökset ja yhteistyöasiakirjat")

    def ready(self) -> None:
        from alke.agreements.demo import load_demo
        from alke.agreements.views import region_panel
        from alke.core.registry import register_demo, register_nav, register_region_panel

        register_nav(60, "agreements:index", _("Yhteistyöasiakirjat"))
        register_region_panel(60, "agreements/partials/region_panel.html", region_panel)
        register_demo(60, "cooperation documents and AKKE funding", load_demo)
