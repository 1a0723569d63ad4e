from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "alke.situation"
    label = "situation"
    verbose_name = _("Tilannekuva")

    def ready(self) -> None:
        from alke.core.cache import STATS, bump_on_change
        from alke.core.registry import register_demo, register_nav, register_reference, register_region_panel
        from alke.regions.models import Region
        from alke.situation import demo, services
        from alke.situation.models import Dataset, DatasetVersion, Indicator
        from alke.situation.views import panel_context

        register_nav(20, "situation:index", _("Tilannekuva"))
        register_region_panel(20, "situation/panel.html", panel_context)
        # Real statistics, not demo content: `alke load-reference` (and so `alke seed-demo`) loads them.
        register_reference(20, "situational picture (shipped statistics)", services.load_snapshot)
        # Analysis texts hang on a round, so they load after the rounds app's demo (order 30).
        register_demo(35, "situational picture (analysis texts)", demo.load_analyses)
        # Cached pictures and overviews are derived from these; indicator values are written in bulk
        # (no signals), so services.recompute_indicators bumps the version itself.
        bump_on_change(STATS, Indicator, Dataset, DatasetVersion, Region)
