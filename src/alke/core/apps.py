from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "alke.core"
    label = "core"
    verbose_name = _("Perusta")

    def ready(self) -> None:
        from alke.core.manifest import Manifest, register
        from alke.core.permissions import CORE_ACTIONS

        register(Manifest("core", actions=CORE_ACTIONS))
