from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "alke.regions"
    label = "regions"
    verbose_name = _("Alueet ja organisaatiot")

    def ready(self) -> None:
        from alke.core.manifest import register
        from alke.regions.manifest import manifest

        register(manifest)
