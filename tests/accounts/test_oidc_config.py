"""Provider configuration from environment variables, and the role rules that map claims to roles."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from alke.accounts.claims import RuleError, granted_memberships, parse_rules
from alke.accounts.oidc_settings import OIDCConfigurationError, form_action_origins, providers_from_env

ENTRA = {
    "ALKE_OIDC_PROVIDERS": "entra, suomifi",
    "ALKE_OIDC_ENTRA_LABEL": "Valtion virkailijat (Entra ID)",
    "ALKE_OIDC_ENTRA_ISSUER": "https://login.microsoftonline.com/0f3a/v2.0/",
    "ALKE_OIDC_ENTRA_CLIENT_ID": "client-1",
    "ALKE_OIDC_ENTRA_CLIENT_SECRET": "s3cret",
    "ALKE_OIDC_ENTRA_ROLE_RULES": "roles=alke.ministry.okm -> okm:ministry",
    "ALKE_OIDC_SUOMIFI_ISSUER": "https://tunnistus.suomi.fi",
    "ALKE_OIDC_SUOMIFI_CLIENT_ID": "client-2",
    "ALKE_OIDC_SUOMIFI_TOKEN_AUTH": "private_key_jwt",
    "ALKE_OIDC_SUOMIFI_PRIVATE_KEY_FILE": "/etc/alke/suomifi.pem",
    "ALKE_OIDC_SUOMIFI_AUTH_PARAMS": "acr_values=http://ftn.ficora.fi/2017/loa3",
    "ALKE_OIDC_SUOMIFI_LOGOUT": "1",
}


def test_several_providers_in_the_order_given():
    entra, suomifi = providers_from_env(ENTRA)
    assert (entra["key"], suomifi["key"]) == ("entra", "suomifi")
    assert entra["issuer"] == "https://login.microsoftonline.com/0f3a/v2.0"
    assert (
        entra["metadata_url"]
        == "https://login.microsoftonline.com/0f3a/v2.0/.well-known/openid-configuration"
    )
    assert entra["token_auth"] == "client_secret_basic" and entra["scopes"] == "openid profile email"
    assert suomifi["token_auth"] == "private_key_jwt"
    assert suomifi["auth_params"] == {"acr_values": "http://ftn.ficora.fi/2017/loa3"}
    assert suomifi["label"] == "suomifi"  # no label set: the key is shown
    assert form_action_origins([entra, suomifi]) == [
        "https://login.microsoftonline.com",
        "https://tunnistus.suomi.fi",
    ]


def test_no_providers_configured():
    assert providers_from_env({}) == []


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"ALKE_OIDC_ENTRA_ISSUER": ""}, "ALKE_OIDC_ENTRA_ISSUER"),
        ({"ALKE_OIDC_ENTRA_CLIENT_SECRET": ""}, "ALKE_OIDC_ENTRA_CLIENT_SECRET"),
        ({"ALKE_OIDC_SUOMIFI_PRIVATE_KEY_FILE": ""}, "ALKE_OIDC_SUOMIFI_PRIVATE_KEY_FILE"),
        ({"ALKE_OIDC_ENTRA_TOKEN_AUTH": "magic"}, "ALKE_OIDC_ENTRA_TOKEN_AUTH"),
        ({"ALKE_OIDC_ENTRA_SCOPES": "profile email"}, "ALKE_OIDC_ENTRA_SCOPES"),
        ({"ALKE_OIDC_SUOMIFI_LOGOUT": "maybe"}, "ALKE_OIDC_SUOMIFI_LOGOUT"),
        ({"ALKE_OIDC_PROVIDERS": "entra,entra"}, "twice"),
        ({"ALKE_OIDC_PROVIDERS": "Entra ID"}, "provider key"),
    ],
)
def test_configuration_errors_name_the_variable(change, named):
    with pytest.raises(OIDCConfigurationError, match=named):
        providers_from_env({**ENTRA, **change})


def test_rules_map_groups_roles_and_organisation_claims():
    rules = parse_rules(
        """
        # Entra ID app roles and groups
        groups=7d1c-okm -> okm:ministry
        roles=alke.coordinator -> tem:coordinator; realm.orgs=liitto-* -> liitto-*:region
        alke_org=* -> *:contact
        """
    )
    claims = {
        "groups": ["other", "7d1c-okm"],
        "roles": "alke.coordinator",
        "realm": {"orgs": ["liitto-mk02", "liitto-mk04", "kunta-091"]},
        "alke_org": "Business-Tampere",
    }
    assert granted_memberships(rules, claims) == {
        ("okm", "ministry"),
        ("tem", "coordinator"),
        ("liitto-mk02", "region"),
        ("liitto-mk04", "region"),
        ("business-tampere", "contact"),
    }
    assert granted_memberships(rules, {"groups": ["7d1c-okm-extra"], "realm": "x"}) == set()


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ("groups=A okm:ministry", "expected"),
        ("groups=A -> okm:minister", "unknown role"),
        ("groups=A* -> *:region*", "unknown role"),
        ("groups=*A* -> x:region", "at most one"),
        ("groups=A -> liitto-*:region", "needs a"),
    ],
)
def test_unreadable_rules_are_named(rule, problem):
    with pytest.raises(RuleError, match=problem):
        parse_rules(f"groups=ok -> okm:ministry; {rule}")


def test_system_check_reports_a_bad_rule(settings):
    settings.OIDC_PROVIDERS = providers_from_env(
        {**ENTRA, "ALKE_OIDC_ENTRA_ROLE_RULES": "groups=x -> okm:boss"}
    )
    settings.OIDC_PROVIDERS[1]["private_key_file"] = "/nonexistent/key.pem"
    with pytest.raises(SystemCheckError) as error:
        call_command("check")
    assert "ALKE_OIDC_ENTRA_ROLE_RULES" in str(error.value) and "unknown role 'boss'" in str(error.value)
    assert "ALKE_OIDC_SUOMIFI_PRIVATE_KEY_FILE" in str(error.value)
