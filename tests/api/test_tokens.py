"""API keys: writes need a key (or a session with CSRF); a key acts with its user's permissions only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.utils import timezone
from ninja import NinjaAPI, Router

from alke.api.models import ApiToken
from alke.api.services import TokenError, create_token, revoke_token
from alke.core.api.auth import ApiAuth
from alke.core.api.errors import install
from alke.core.permissions import require
from alke.regions.models import Region

pytestmark = pytest.mark.django_db

# A throw-away API with one read and one write guarded like the real ones, so the rules are tested
# independently of which capability endpoints exist.
probe = NinjaAPI(auth=ApiAuth(), urls_namespace="probe")
install(probe)
router = Router()


@router.get("/probe")
def probe_read(request):
    return {"user": request.user.username if request.user.is_authenticated else None}


@router.post("/probe/{code}")
def probe_write(request, code: str):
    region = Region.objects.get(code=code)
    require(request.user, "analysis.write", region)
    return {"ok": True, "user": request.user.username}


probe.add_router("", router)


def call(method: str, path: str, user=None, headers=None, csrf=False):
    factory = RequestFactory()
    request = getattr(factory, method)(path, headers=headers or {})
    from django.contrib.auth.models import AnonymousUser

    request.user = user or AnonymousUser()
    request._dont_enforce_csrf_checks = not csrf
    view = probe.urls[0]
    for pattern in view:
        match = pattern.resolve(path.lstrip("/"))
        if match:
            return match.func(request, **match.kwargs)
    raise AssertionError(f"no probe route for {path}")


def test_reads_are_open_and_writes_need_a_key(users):
    assert call("get", "/probe").status_code == 200
    response = call("post", "/probe/MK02")
    assert response.status_code == 401
    assert b"API key" in response.content


def test_a_key_acts_with_its_users_permissions(users):
    _, key = create_token(users["region"], "raportointi", 30)
    ok = call("post", "/probe/MK02", headers={"Authorization": f"Bearer {key}"})
    assert ok.status_code == 200 and b'"vs"' in ok.content
    # The same key for another region's subject: refused by the permission table, 403 not 500.
    refused = call("post", "/probe/MK04", headers={"Authorization": f"Bearer {key}"})
    assert refused.status_code == 403
    assert ApiToken.objects.get(user=users["region"]).last_used_at is not None


@pytest.mark.parametrize(
    "header,message",
    [
        ("Bearer alke_nonexistent_key", b"Unknown API key"),
        ("Bearer something-else", b"not an alke key"),
        ("Basic dXNlcjpwYXNz", b"Bearer"),
        ("Bearer ", b"Bearer"),
    ],
)
def test_bad_keys_are_refused_even_for_reads(users, header, message):
    response = call("get", "/probe", headers={"Authorization": header})
    assert response.status_code == 401
    assert message in response.content


def test_revoked_and_expired_keys_stop_working(users):
    token, key = create_token(users["coordinator"], "ajo", 30)
    assert call("post", "/probe/MK02", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    revoke_token(users["coordinator"], token)
    response = call("post", "/probe/MK02", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401 and b"revoked" in response.content
    token2, key2 = create_token(users["coordinator"], "ajo 2", 30)
    ApiToken.objects.filter(pk=token2.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = call("post", "/probe/MK02", headers={"Authorization": f"Bearer {key2}"})
    assert response.status_code == 401 and b"expired" in response.content


def test_session_writes_need_csrf(users):
    response = call("post", "/probe/MK02", user=users["coordinator"], csrf=True)
    assert response.status_code == 403 and b"CSRF" in response.content
    assert call("post", "/probe/MK02", user=users["coordinator"], csrf=False).status_code == 200


def test_only_a_digest_is_stored_and_names_are_required(users):
    token, key = create_token(users["ministry"], "tilastot", 10)
    assert key.startswith("alke_") and key not in token.key_digest
    assert not ApiToken.objects.filter(key_digest=key).exists()
    with pytest.raises(TokenError):
        create_token(users["ministry"], "  ", 10)
    with pytest.raises(TokenError):
        create_token(users["ministry"], "liian pitkä", 10_000)


def test_nobody_may_revoke_someone_elses_key(users):
    token, _ = create_token(users["region"], "oma", 10)
    with pytest.raises(PermissionDenied):
        revoke_token(users["other_region"], token)


def test_token_page(users):
    client = Client()
    assert client.get("/api/avaimet/").status_code == 302  # sign in first
    client.force_login(users["aune"])
    response = client.post("/api/avaimet/", {"name": "AUNE-raportti", "valid_days": 30})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key and key.encode() in response.content
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=users["aune"])
    # The key is shown only once.
    assert key.encode() not in client.get("/api/avaimet/").content
    other = Client()
    other.force_login(users["contact"])
    assert other.post(f"/api/avaimet/{token.pk}/peru/").status_code == 404
    assert client.post(f"/api/avaimet/{token.pk}/peru/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
