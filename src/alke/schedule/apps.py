from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "alke.schedule"
    label = "schedule"
    verbose_name = _("Aikataulutus")

    def ready(self) -> None:
        from alke.core.registry import register_demo, register_nav, register_region_panel
        from alke.schedule import demo, selectors

        register_nav(50, "schedule:index", _("Aikataulu"), action="schedule.view")
        register_region_panel(50, "schedule/partials/region_panel.html", selectors.region_panel_context)
        register_demo(50, "schedule", demo.load_demo)
