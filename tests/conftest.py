"""Shared fixtures: the test databases, the reference data, one user per role, the demo content."""

from __future__ import annotations

import pytest
from django.db import connection

from alke.accounts.models import User
from alke.core.permissions import Role
from alke.regions.models import Ministry, Region
from alke.regions.services import load_reference
from tests import databases
from tests.factories import UserFactory

MIGRATED = databases.MigratedTemplate()
DEMO_WORLD: list[databases.DemoWorld] = []  # the worker's one DemoWorld, once a module asked for it


def pytest_collection_modifyitems(config, items):
    """Demo modules are marked as a whole, and run on one xdist worker so the demo is seeded once."""
    for item in items:
        if item.get_closest_marker("demo_data"):
            if not item.getparent(pytest.Module).get_closest_marker("demo_data"):
                raise pytest.UsageError(
                    f"{item.nodeid}: mark the whole module with pytestmark = pytest.mark.demo_data "
                    "(the demo content is switched in per module)"
                )
            item.add_marker(pytest.mark.xdist_group("demo_data"))


# --- databases ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, django_db_blocker, django_db_keepdb):
    """Make each worker's test database a copy of the migrated template (built once, see tests/databases.py)."""
    if connection.vendor == "postgresql":
        # Commits need not wait for the disk: nothing in a test database has to survive a server crash.
        options = connection.settings_dict.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            MIGRATED.prepare(connection)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The migrated schema and the reference data, once per worker; tests roll back on top of them."""
    with django_db_blocker.unblock():
        MIGRATED.fill(connection)
        load_reference()


@pytest.fixture(scope="session")
def demo_world(django_db_setup, django_db_blocker):
    world = databases.DemoWorld(connection, django_db_blocker)
    DEMO_WORLD.append(world)
    yield world
    with django_db_blocker.unblock():
        world.drop()


@pytest.fixture(scope="module", autouse=True)
def _demo_data(request):
    """Modules marked `demo_data` run on a copy of the seeded demo content, the others never see it."""
    if not request.node.get_closest_marker("demo_data"):
        yield None
        return
    world = request.getfixturevalue("demo_world")
    with world.blocker.unblock():
        world.enter()
        # The hook below prepares every later test; for the first one (whichever xdist runs first), be
        # ready for a transactional test if the module has any.
        items = [item for item in request.session.items if item.getparent(pytest.Module) is request.node]
        world.before_test(any(_transactional(item) for item in items))
    yield world
    with world.blocker.unblock():
        world.exit()


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    # Before any fixture (pytest-django's transaction included): the demo copy this test may change.
    world = DEMO_WORLD[0] if DEMO_WORLD else None
    if world and world.active:
        with world.blocker.unblock():
            world.before_test(_transactional(item))
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    world = DEMO_WORLD[0] if DEMO_WORLD else None
    if world and world.active:
        world.after_test(_transactional(item))
    return result


def demo_user(username: str) -> User:
    """A demo user (`koordinaattori`, `okm`, `varsinais-suomi`, …) in a `demo_data` module."""
    return User.objects.get(username=username)


# --- reference data and users -------------------------------------------------------------------------------


@pytest.fixture
def reference(db):
    """The real reference data (regions, municipalities, ministries, policy, partnerships).

    Loaded once per session (see django_db_setup); reloaded after a transactional test flushed it.
    """
    if not Region.objects.exists():
        load_reference()


def make_user(username: str, org_slug: str | None = None, role: str | None = None, **extra) -> User:
    if org_slug and role:
        return UserFactory(username=username, organisation=org_slug, role=role, **extra)
    return UserFactory(username=username, **extra)


@pytest.fixture
def users(request, reference) -> dict[str, User]:
    """One user per role, plus a second region and a second ministry to test scoping."""
    if request.node.get_closest_marker("demo_data"):
        pytest.fail("a demo_data module signs in as the demo users (demo_user('koordinaattori')), not `users`")
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


@pytest.fixture
def vs(reference) -> Region:
    return Region.objects.get(code="MK02")


@pytest.fixture
def sk(reference) -> Region:
    return Region.objects.get(code="MK04")


@pytest.fixture
def okm(reference) -> Ministry:
    return Ministry.objects.get(abbreviation="OKM")


@pytest.fixture
def lvm(reference) -> Ministry:
    return Ministry.objects.get(abbreviation="LVM")


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
