from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "alke.agenda"
    label = "agenda"
    verbose_name = _("Ehdotukset ja agendat")

    def ready(self) -> None:
        from alke.agenda.manifest import manifest
        from alke.core.manifest import register

        register(manifest)
