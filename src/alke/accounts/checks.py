"""System check: the identity providers' role rules and keys can be read (`alke check`, at start-up)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

from alke.accounts.claims import RuleError, parse_rules


@register("alke")
def check_identity_providers(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    for config in settings.OIDC_PROVIDERS:
        variable = f"ALKE_OIDC_{config['key'].upper().replace('-', '_')}_"
        try:
            parse_rules(config["role_rules"])
        except RuleError as error:
            errors.append(Error(str(error), obj=f"{variable}ROLE_RULES", id="alke.E101"))
        if config["private_key_file"]:
            from alke.accounts.oidc import _private_key

            try:
                _private_key(config["private_key_file"])
            except (RuntimeError, ValueError) as error:
                errors.append(Error(str(error), obj=f"{variable}PRIVATE_KEY_FILE", id="alke.E102"))
    return errors
