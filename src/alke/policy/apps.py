from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "alke.policy"
    label = "policy"
    verbose_name = _("Aluekehittämisen tavoitteet ja teemat")

    def ready(self) -> None:
        from alke.core.manifest import register
        from alke.policy.manifest import manifest

        register(manifest)
