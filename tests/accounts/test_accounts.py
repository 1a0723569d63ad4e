import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from alke.accounts.demo import DEMO_PASSWORD, load_demo_users
from alke.accounts.models import Membership, User
from alke.core.permissions import Role
from alke.regions.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_users_cover_every_role(reference):
    load_demo_users(lambda _: None)
    load_demo_users(lambda _: None)  # idempotent
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.get(username="koordinaattori").check_password(DEMO_PASSWORD)


def test_region_role_needs_a_regional_council(reference):
    user = User.objects.create_user("x", password="y" * 12)
    membership = Membership(user=user, organisation=Organisation.objects.get(slug="okm"), role=Role.REGION)
    with pytest.raises(ValidationError):
        membership.full_clean()


def test_coordinator_role_only_for_tem(reference):
    user = User.objects.create_user("x", password="y" * 12)
    membership = Membership(
        user=user, organisation=Organisation.objects.get(slug="okm"), role=Role.COORDINATOR
    )
    with pytest.raises(ValidationError):
        membership.full_clean()


def test_login_with_password(client, users):
    response = client.post("/tili/kirjaudu/", {"username": "vs", "password": "salasana-joka-kelpaa-1"})
    assert response.status_code == 302
    assert client.get("/tili/profiili/").status_code == 200


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_login_is_throttled_after_repeated_failures(client, users):
    for _ in range(3):
        client.post("/tili/kirjaudu/", {"username": "vs", "password": "wrong"})
    response = client.post("/tili/kirjaudu/", {"username": "vs", "password": "salasana-joka-kelpaa-1"})
    assert response.status_code == 429
    assert "Liian monta" in response.content.decode()


def test_profile_requires_login(client, reference):
    response = client.get("/tili/profiili/")
    assert response.status_code == 302 and "/tili/kirjaudu/" in response["Location"]
