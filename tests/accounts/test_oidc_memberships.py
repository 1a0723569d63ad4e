"""Memberships from the provider's claims, requests a coordinator decides, and password sign-in rules."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import PermissionDenied, ValidationError
from joserfc import jwe
from joserfc.jwk import RSAKey

from alke.accounts import oidc, services
from alke.accounts.models import Membership, MembershipRequest, User
from alke.accounts.oidc_settings import providers_from_env
from alke.core.permissions import Role, can
from alke.regions.models import Organisation

pytestmark = pytest.mark.django_db

PROVIDER_ENV = {
    "ALKE_OIDC_PROVIDERS": "entra",
    "ALKE_OIDC_ENTRA_LABEL": "Valtion virkailijat",
    "ALKE_OIDC_ENTRA_ISSUER": "https://idp.invalid/tenant/v2.0",
    "ALKE_OIDC_ENTRA_CLIENT_ID": "alke",
    "ALKE_OIDC_ENTRA_CLIENT_SECRET": "secret",
    "ALKE_OIDC_ENTRA_ROLE_RULES": "groups=OKM -> okm:ministry; groups=VS -> liitto-mk02:region; groups=BAD -> okm:region",
}


@pytest.fixture
def provider(settings):
    settings.OIDC_PROVIDERS = providers_from_env(PROVIDER_ENV)
    return oidc.get_provider("entra")


def claims(sub="abc-123", **extra):
    return {
        "sub": sub,
        "given_name": "Outi",
        "family_name": "Virkamies",
        "email": "outi@okm.invalid",
        **extra,
    }


def active(user):
    return set(
        Membership.objects.filter(user=user, is_active=True).values_list(
            "organisation__slug", "role", "source"
        )
    )


IDP = Membership.Source.IDENTITY_PROVIDER


def test_first_sign_in_creates_the_user_and_maps_roles(provider, reference):
    user, sync = services.sign_in_from_claims(provider, claims(groups=["OKM", "VS", "unrelated"]))
    assert user.username == "outi@okm.invalid" and user.get_full_name() == "Outi Virkamies"
    assert active(user) == {("okm", Role.MINISTRY, IDP), ("liitto-mk02", Role.REGION, IDP)}
    assert len(sync.added) == 2 and sync.removed == []


def test_a_rule_granting_an_impossible_membership_is_skipped(provider, reference):
    user, sync = services.sign_in_from_claims(provider, claims(groups=["BAD"]))
    assert active(user) == set()
    assert sync.skipped and "okm:region" in sync.skipped[0]


def test_next_sign_in_ends_roles_the_claims_no_longer_grant_but_keeps_local_and_approved(provider, reference):
    user, _ = services.sign_in_from_claims(provider, claims(groups=["OKM", "VS"]))
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="aune"), role=Role.AUNE)
    Membership.objects.create(
        user=user,
        organisation=Organisation.objects.get(slug="lvm"),
        role=Role.MINISTRY,
        source=Membership.Source.APPROVED,
    )
    again, sync = services.sign_in_from_claims(provider, claims(groups=["VS"], email="outi.uusi@okm.invalid"))
    assert again == user
    assert [m.organisation.slug for m in sync.removed] == ["okm"]
    assert active(user) == {
        ("liitto-mk02", Role.REGION, IDP),
        ("aune", Role.AUNE, Membership.Source.LOCAL),
        ("lvm", Role.MINISTRY, Membership.Source.APPROVED),
    }
    user.refresh_from_db()
    assert user.email == "outi.uusi@okm.invalid"  # the directory's newer address
    # Granted again later: the same membership comes back, its history shows the gap.
    services.sign_in_from_claims(provider, claims(groups=["OKM"]))
    okm = Membership.objects.get(user=user, organisation__slug="okm")
    assert okm.is_active and okm.history.count() == 3


def test_users_are_matched_by_issuer_and_subject_not_by_email(provider, reference):
    first, _ = services.sign_in_from_claims(provider, claims(sub="one"))
    second, _ = services.sign_in_from_claims(provider, claims(sub="two"))  # same e-mail, another person
    assert first != second and second.username != first.username


def test_disabled_account_cannot_sign_in(provider, reference):
    user, _ = services.sign_in_from_claims(provider, claims())
    user.is_active = False
    user.save()
    with pytest.raises(ValidationError, match="poistettu käytöstä"):
        services.sign_in_from_claims(provider, claims())


def test_membership_request_and_coordinator_approval(users, mailoutbox, django_capture_on_commit_callbacks):
    newcomer = users["nobody"]
    User.objects.filter(pk__in=[newcomer.pk, users["coordinator"].pk]).update(email="x@alke.invalid")
    newcomer.refresh_from_db()
    organisation = Organisation.objects.get(slug="liitto-mk02")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_membership(
            newcomer, organisation, Role.REGION, "Suunnittelija, esihenkilö M. M."
        )
    (mail,) = mailoutbox
    assert "Uusi jäsenyyspyyntö" in mail.subject and "/tili/jasenyyspyynnot/" in mail.body
    assert "Suunnittelija" in mail.body
    with pytest.raises(ValidationError, match="jo pyytänyt"):
        services.request_membership(newcomer, organisation, Role.REGION)
    with pytest.raises(PermissionDenied):
        services.decide_membership_request(users["region"], request, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_membership_request(users["coordinator"], request, approve=True, note="Tervetuloa")
    assert "hyväksytty" in mailoutbox[-1].subject and mailoutbox[-1].body == "Tervetuloa"
    membership = Membership.objects.get(user=newcomer)
    assert (membership.role, membership.source, membership.is_active) == (
        Role.REGION,
        Membership.Source.APPROVED,
        True,
    )
    request.refresh_from_db()
    assert request.status == MembershipRequest.Status.APPROVED and request.decided_by == users["coordinator"]
    with pytest.raises(ValidationError, match="jo käsitelty"):
        services.decide_membership_request(users["coordinator"], request, approve=False)
    with pytest.raises(ValidationError, match="jo tämä rooli"):
        services.request_membership(newcomer, organisation, Role.REGION)


def test_membership_request_must_fit_the_organisation(users):
    with pytest.raises(ValidationError):
        services.request_membership(users["nobody"], Organisation.objects.get(slug="okm"), Role.REGION)


def test_request_and_decide_through_the_pages(client, users):
    client.force_login(users["nobody"])
    organisation = Organisation.objects.get(slug="liitto-mk04")
    response = client.post(
        "/tili/jasenyys/", {"organisation": organisation.pk, "role": Role.REGION, "reason": "Uusi työntekijä"}
    )
    assert response.status_code == 302
    assert client.get("/tili/jasenyyspyynnot/").status_code == 403
    client.force_login(users["coordinator"])
    page = client.get("/tili/jasenyyspyynnot/").content.decode()
    assert "Uusi työntekijä" in page and "Hyväksy: nobody" in page
    request = MembershipRequest.objects.get()
    response = client.post(
        f"/tili/jasenyyspyynnot/{request.pk}/", {"decision": "reject", "note": "Ei tunneta"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == MembershipRequest.Status.REJECTED and request.decision_note == "Ei tunneta"
    assert not Membership.objects.filter(user=users["nobody"]).exists()
    assert not can(users["nobody"], "proposal.view")


def test_login_page_shows_a_button_per_provider(client, settings, reference):
    env = {
        **PROVIDER_ENV,
        "ALKE_OIDC_PROVIDERS": "entra,suomifi",
        "ALKE_OIDC_SUOMIFI_LABEL": "Suomi.fi-tunnistus",
        "ALKE_OIDC_SUOMIFI_LABEL_SV": "Suomi.fi-identifikation",
        "ALKE_OIDC_SUOMIFI_ISSUER": "https://tunnistus.invalid",
        "ALKE_OIDC_SUOMIFI_CLIENT_ID": "alke",
        "ALKE_OIDC_SUOMIFI_CLIENT_SECRET": "x",
    }
    settings.OIDC_PROVIDERS = providers_from_env(env)
    page = client.get("/tili/kirjaudu/").content.decode()
    assert page.index("Kirjaudu: Valtion virkailijat") < page.index("Kirjaudu: Suomi.fi-tunnistus")
    assert 'action="/oidc/suomifi/kirjaudu/"' in page
    assert "Suomi.fi-identifikation" in client.get("/sv/tili/kirjaudu/").content.decode()


def test_unreachable_provider_gives_a_clear_message(client, settings, reference):
    settings.OIDC_PROVIDERS = providers_from_env(
        {**PROVIDER_ENV, "ALKE_OIDC_ENTRA_ISSUER": "http://127.0.0.1:9/nothing-listens-here"}
    )
    response = client.post("/oidc/entra/kirjaudu/")
    assert response.status_code == 502
    assert "Tunnistuspalveluun Valtion virkailijat ei saatu yhteyttä" in response.content.decode()


def test_unknown_provider_is_not_found(client, provider):
    assert client.post("/oidc/nobody/kirjaudu/").status_code == 404


@pytest.mark.parametrize(("mode", "allowed"), [("all", True), ("admin", False)])
def test_password_sign_in_can_be_kept_for_the_administrator_only(client, users, settings, mode, allowed):
    settings.PASSWORD_LOGIN = mode
    admin = User.objects.create_superuser("hata", password="salasana-joka-kelpaa-1")
    response = client.post("/tili/kirjaudu/", {"username": "vs", "password": "salasana-joka-kelpaa-1"})
    assert (response.status_code == 302) is allowed
    client.logout()
    response = client.post(
        "/tili/kirjaudu/", {"username": admin.username, "password": "salasana-joka-kelpaa-1"}
    )
    assert response.status_code == 302


@pytest.fixture
def keyed_provider(settings, tmp_path):
    """A provider for which alke has its own RSA key (private_key_jwt, encrypted answers)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path / "client.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    settings.OIDC_PROVIDERS = providers_from_env(
        {
            **PROVIDER_ENV,
            "ALKE_OIDC_ENTRA_CLIENT_SECRET": "",
            "ALKE_OIDC_ENTRA_TOKEN_AUTH": "private_key_jwt",
            "ALKE_OIDC_ENTRA_PRIVATE_KEY_FILE": str(path),
        }
    )
    return oidc.get_provider("entra")


def test_token_encrypted_to_alkes_key_is_opened_and_a_foreign_one_refused(keyed_provider):
    inner = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"
    public = RSAKey.import_key(keyed_provider.private_key.as_dict(private=False))
    header = {"alg": "RSA-OAEP-256", "enc": "A256GCM"}
    sealed = jwe.encrypt_compact(header, inner, public, algorithms=oidc.JWE_ALGORITHMS)
    assert oidc._decrypt(keyed_provider, sealed, "ID token") == inner
    stranger = RSAKey.generate_key(2048)
    foreign = jwe.encrypt_compact(header, inner, stranger, algorithms=oidc.JWE_ALGORITHMS)
    with pytest.raises(oidc.SignInRefused, match="ei voitu avata"):
        oidc._decrypt(keyed_provider, foreign, "ID token")


def test_client_key_is_published_for_private_key_jwt(keyed_provider, client):
    published = json.loads(client.get("/oidc/entra/jwks.json").content)
    (jwk,) = published["keys"]
    assert jwk["kty"] == "RSA" and jwk["kid"] == keyed_provider.private_key.kid and "d" not in jwk
    assert client.get("/oidc/nobody/jwks.json").status_code == 404
