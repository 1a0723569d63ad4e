from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "alke.funding"
    label = "funding"
    verbose_name = _("AKKE-rahoitus")

    def ready(self) -> None:
        from alke.core.manifest import register
        from alke.funding.manifest import manifest

        register(manifest)
