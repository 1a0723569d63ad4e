from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "alke.followup"
    label = "followup"
    verbose_name = _("Seuranta, AUNE-raportti ja palaute")

    def ready(self) -> None:
        from alke.core.manifest import register
        from alke.followup.manifest import manifest

        register(manifest)
