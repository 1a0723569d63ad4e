from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "alke.accounts"
    label = "accounts"
    verbose_name = _("Käyttäjät ja roolit")

    def ready(self) -> None:
        from alke.accounts import checks  # noqa: F401  (registers the OIDC configuration check)
        from alke.accounts.demo import load_demo_users
        from alke.accounts.membership_demo import load_demo_membership_requests
        from alke.core.registry import register_demo, register_nav

        register_demo(10, "users", load_demo_users)
        register_demo(11, "membership requests", load_demo_membership_requests)
        register_nav(95, "accounts:membership_requests", _("Jäsenyyspyynnöt"), action="membership.approve")
