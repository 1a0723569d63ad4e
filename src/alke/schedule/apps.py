from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "alke.schedule"
    label = "schedule"
    verbose_name = _("Aikataulutus")

    def ready(self) -> None:
        from alke.core.manifest import register
        from alke.schedule.manifest import manifest

        register(manifest)
