"""Shared fixtures: the reference data and one user per role."""

from __future__ import annotations

import pytest

from alke.accounts.models import Membership, User
from alke.core.permissions import Role
from alke.regions.models import Organisation, Region
from alke.regions.services import load_reference


@pytest.fixture
def reference(db):
    """The real reference data (regions, municipalities, ministries, policy, partnerships).

    Loaded once per session (see django_db_setup); reloaded after a transactional test flushed it.
    """
    if not Region.objects.exists():
        load_reference()


def make_user(username: str, org_slug: str | None = None, role: str | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password="salasana-joka-kelpaa-1", **extra)
    if org_slug and role:
        Membership.objects.create(user=user, organisation=Organisation.objects.get(slug=org_slug), role=role)
    return user


@pytest.fixture
def users(reference) -> dict[str, User]:
    """One user per role, plus a second region and a second ministry to test scoping."""
    return {
        "coordinator": make_user("coord", "tem", Role.COORDINATOR),
        "ministry": make_user("okm", "okm", Role.MINISTRY),
        "other_ministry": make_user("lvm", "lvm", Role.MINISTRY),
        "region": make_user("vs", "liitto-mk02", Role.REGION),
        "other_region": make_user("sk", "liitto-mk04", Role.REGION),
        "aune": make_user("aune", "aune", Role.AUNE),
        "contact": make_user("contact", "business-tampere", Role.CONTACT),
        "nobody": make_user("nobody"),
    }


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once into the test database; tests roll back on top of it."""
    with django_db_blocker.unblock():
        load_reference()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test must not leave its cached pictures behind."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def finnish_by_default():
    """Each test starts in Finnish, whatever language an earlier request left active."""
    from django.utils import translation

    translation.activate("fi")
    yield
    translation.activate("fi")
