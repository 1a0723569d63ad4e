from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundsConfig(AppConfig):
    name = "alke.rounds"
    label = "rounds"
    verbose_name = _("Keskustelukierrokset")

    def ready(self) -> None:
        from alke.core.manifest import register
        from alke.rounds.manifest import manifest

        register(manifest)
