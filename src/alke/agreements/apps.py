from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "alke.agreements"
    label = "agreements"
    verbose_name = _("Johtopäätökset ja yhteistyöasiakirjat")

    def ready(self) -> None:
        from alke.agreements.manifest import manifest
        from alke.core.manifest import register

        register(manifest)
