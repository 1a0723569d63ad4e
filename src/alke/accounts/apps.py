from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "alke.accounts"
    label = "accounts"
    verbose_name = _("Käyttäjät ja roolit")

    def ready(self) -> None:
        from alke.accounts import checks  # noqa: F401  (registers the OIDC configuration check)
        from alke.accounts.manifest import manifest
        from alke.core.manifest import register

        register(manifest)
