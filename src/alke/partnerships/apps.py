from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "alke.partnerships"
    label = "partnerships"
    verbose_name = _("Kumppanuusrekisteri")

    def ready(self) -> None:
        from alke.core.manifest import register
        from alke.partnerships.manifest import manifest

        register(manifest)
