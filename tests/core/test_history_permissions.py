"""The history page shows every old value, so it answers only to users who may read the object itself.

An object the user may not read answers 404, exactly like a missing one, so the page does not reveal
that it exists. Who may read what is `alke.core.permissions.READ_RULES`; a model without a rule is
readable only by coordinators and the administrator.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from alke.accounts.models import Membership, MembershipRequest
from alke.accounts.services import request_membership
from alke.agenda import services as agenda
from alke.core import permissions
from alke.core.models import AuditedModel
from alke.core.permissions import READ_RULES, Role, may_read, read_check_for
from alke.funding import services as funding
from alke.funding.models import LedgerEntry
from alke.partnerships.models import Contact, ThematicNetwork
from alke.policy.models import Theme
from alke.regions.models import Ministry, Organisation, Region
from alke.rounds.models import Phase, Round
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

AUDITED = sorted((m for m in apps.get_models() if issubclass(m, AuditedModel)), key=lambda m: m._meta.label)
READERS = ("ministry", "other_ministry", "region", "other_region", "aune")


def history_url(obj) -> str:
    return reverse("core:history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


def status(client_for, user, obj) -> int:
    return client_for(user).get(history_url(obj)).status_code


# ---------------------------------------------------------------------------------------------------
# Every audited model: a rule or the coordinators-only default


@pytest.mark.parametrize("model", AUDITED, ids=lambda m: m._meta.label)
def test_every_audited_model_has_a_read_rule_or_is_for_coordinators_only(model, users):
    check = read_check_for(model)
    if check is not None:
        # A rule naming a selector must import: a typo would otherwise fail only on first use.
        if hasattr(check, "load"):
            assert callable(check.load())
        assert callable(check)
        return
    unsaved = model()
    assert may_read(users["coordinator"], unsaved)
    for name in (*READERS, "contact", "nobody"):
        assert not may_read(users[name], unsaved), f"{name} may read {model._meta.label} by default"


@pytest.mark.parametrize("model", AUDITED, ids=lambda m: m._meta.label)
def test_a_missing_object_answers_404_like_a_hidden_one(model, client_for, users):
    url = reverse("core:history", args=[model._meta.app_label, model._meta.model_name, 987654321])
    assert client_for(users["ministry"]).get(url).status_code == 404


def test_every_rule_names_an_audited_model_or_one_of_their_bases():
    labels = {klass._meta.label for model in AUDITED for klass in model.__mro__ if "_meta" in klass.__dict__}
    assert set(READ_RULES) <= labels, set(READ_RULES) - labels


def test_a_model_without_a_rule_is_for_coordinators_only(client_for, users, monkeypatch):
    round_ = Round.objects.create(year=2040, name="ALKE 2040")
    assert status(client_for, users["aune"], round_) == 200
    monkeypatch.delitem(READ_RULES, "rounds.Round")
    for name in READERS:
        assert status(client_for, users[name], round_) == 404, name
    assert status(client_for, users["coordinator"], round_) == 200
    admin = make_user("admin", is_superuser=True)
    assert status(client_for, admin, round_) == 200


def test_without_the_history_right_the_answer_is_403_whatever_the_object(client_for, users):
    region = Region.objects.get(code="MK02")
    missing = reverse("core:history", args=["regions", "region", 987654321])
    for name in ("contact", "nobody"):
        assert status(client_for, users[name], region) == 403
        assert client_for(users[name]).get(missing).status_code == 403


# ---------------------------------------------------------------------------------------------------
# The confirmed cases: another region's draft proposal, another region's funding


@pytest.fixture
def proposals_round(reference) -> Round:
    return Round.objects.create(
        year=2041, name="ALKE 2041", phase=Phase.PROPOSALS, common_theme=Theme.objects.get(is_common=True)
    )


@pytest.fixture
def lappi_user(users):
    return make_user("lappi", "liitto-mk19", Role.REGION)


@pytest.fixture
def lappi_draft(proposals_round, lappi_user):
    proposal = agenda.create_proposal(
        lappi_user,
        proposals_round,
        Region.objects.get(code="MK19"),
        title="Salainen luonnos",
        description="Ensimmäinen muotoilu.",
        ministries=[Ministry.objects.get(abbreviation="OKM")],
    )
    agenda.update_proposal(lappi_user, proposal, description="Toinen, yhä keskeneräinen muotoilu.")
    return proposal


def test_another_regions_draft_proposal_history_is_hidden(client_for, users, lappi_user, lappi_draft):
    detail = reverse("agenda:proposal", args=[lappi_draft.pk])
    for name in ("ministry", "other_region", "aune"):
        assert client_for(users[name]).get(detail).status_code == 403  # the page itself is refused
        response = client_for(users[name]).get(history_url(lappi_draft))
        assert response.status_code == 404, name
        assert "yhä keskeneräinen" not in response.content.decode()
    for user in (lappi_user, users["coordinator"]):
        response = client_for(user).get(history_url(lappi_draft))
        assert response.status_code == 200
        assert "yhä keskeneräinen" in response.content.decode()


def test_a_submitted_proposal_history_is_readable_by_every_reader(client_for, users, lappi_user, lappi_draft):
    agenda.submit_proposal(lappi_user, lappi_draft)
    for name in READERS:
        assert status(client_for, users[name], lappi_draft) == 200, name


def test_a_submitted_proposal_hides_its_draft_versions_from_readers_who_could_not_read_the_draft(
    client_for, users, lappi_user, lappi_draft
):
    agenda.update_proposal(lappi_user, lappi_draft, title="SALAINEN LUONNOS")
    agenda.update_proposal(lappi_user, lappi_draft, title="Pohjoisen saavutettavuus")
    agenda.submit_proposal(lappi_user, lappi_draft)
    agenda.update_proposal(lappi_user, lappi_draft, description="Jätetty muotoilu.")
    for name in ("ministry", "other_region", "aune"):
        response = client_for(users[name]).get(history_url(lappi_draft))
        assert response.status_code == 200, name
        page = response.content.decode()
        for secret in ("SALAINEN LUONNOS", "Salainen luonnos", "Ensimmäinen muotoilu"):
            assert secret not in page, (name, secret)
        # the submitted versions are shown; the change after submission is taken against the submitted text
        assert "Pohjoisen saavutettavuus" in page
        assert "Toinen, yhä keskeneräinen muotoilu. → Jätetty muotoilu." in page
        assert "ei silloin ollut luettavissasi" in page
    for user in (lappi_user, users["coordinator"]):
        page = client_for(user).get(history_url(lappi_draft)).content.decode()
        assert "SALAINEN LUONNOS" in page
        assert "Ensimmäinen muotoilu" in page
        assert "ei silloin ollut luettavissasi" not in page


def test_private_history_rule_follows_the_draft_check(users, lappi_user, lappi_draft):
    from alke.agenda.selectors import may_see_proposal

    agenda.submit_proposal(lappi_user, lappi_draft)
    draft, submitted = (
        lappi_draft.history.filter(status="draft").first(),
        lappi_draft.history.filter(status="submitted").first(),
    )
    for user in (*users.values(), lappi_user):
        assert permissions.may_read_version(user, submitted)
        assert permissions.may_read_version(user, draft) == may_see_proposal(user, draft.instance)
    assert (
        permissions.private_history_for(type(lappi_draft)) is permissions.PRIVATE_HISTORY["agenda.Proposal"]
    )


def test_every_private_history_rule_names_an_audited_models_field():
    by_label = {model._meta.label: model for model in AUDITED}
    for label, rule in permissions.PRIVATE_HISTORY.items():
        assert label in by_label, label
        by_label[label]._meta.get_field(rule.field)
        assert callable(rule.check)


def test_comments_on_a_draft_follow_the_proposal(client_for, users, lappi_user, lappi_draft):
    comment = agenda.comment_proposal(lappi_user, lappi_draft, "Tarkennetaan vielä.")
    for name in ("ministry", "other_region", "aune"):
        assert status(client_for, users[name], comment) == 404, name
    assert status(client_for, lappi_user, comment) == 200
    assert status(client_for, users["coordinator"], comment) == 200


@pytest.fixture
def vs_ledger(users, reference):
    """An adopted appropriation with one entity and one commitment for Varsinais-Suomi (MK02)."""
    coordinator = users["coordinator"]
    round_ = Round.objects.create(year=2042, name="ALKE 2042", phase=Phase.DOCUMENTS)
    appropriation = funding.set_appropriation(coordinator, round_, total=Decimal("1000000.00"))
    funding.propose_split(coordinator, appropriation)
    funding.adopt_proposal(coordinator, appropriation)
    allocation = appropriation.allocations.get(region__code="MK02")
    entity = funding.save_entity(
        coordinator,
        allocation,
        name_fi="Osaajaohjelma",
        recipient="Varsinais-Suomen liitto",
        amount="30000.00",
    )
    entry = funding.record_ledger_entry(
        coordinator,
        entity,
        kind=LedgerEntry.Kind.COMMITMENT,
        amount="10000.00",
        booked_on=date(2042, 3, 1),
        reference="VN/2042/1",
    )
    return appropriation, allocation, entity, entry


def test_another_regions_funding_history_is_hidden(client_for, users, vs_ledger):
    appropriation, allocation, entity, entry = vs_ledger
    for obj in (allocation, entity, entry):
        assert status(client_for, users["other_region"], obj) == 404, obj._meta.label
        for name in ("region", "coordinator", "ministry", "aune"):
            assert status(client_for, users[name], obj) == 200, (name, obj._meta.label)
    # The appropriation itself is shared: every region sees the round's funding page.
    assert status(client_for, users["other_region"], appropriation) == 200


# ---------------------------------------------------------------------------------------------------
# Other kinds of object


def test_membership_requests_and_memberships_are_their_users_and_the_coordinators(client_for, users):
    asker = users["nobody"]
    ask = request_membership(asker, Organisation.objects.get(slug="liitto-mk02"), Role.REGION, "Uusi työ.")
    assert isinstance(ask, MembershipRequest)
    for name in READERS:
        assert status(client_for, users[name], ask) == 404, name
    assert status(client_for, users["coordinator"], ask) == 200
    membership = Membership.objects.get(user=users["region"])
    assert status(client_for, users["region"], membership) == 200
    for name in ("ministry", "other_region", "aune"):
        assert status(client_for, users[name], membership) == 404, name
    assert status(client_for, users["coordinator"], membership) == 200


def test_a_hidden_partnership_record_and_its_rows_are_for_the_coordinator(client_for, users):
    network = ThematicNetwork.objects.order_by("pk").first()
    contact = Contact.objects.create(network=network, name="Yhteyshenkilö")
    for obj in (network, contact):
        assert status(client_for, users["aune"], obj) == 200
    ThematicNetwork.objects.filter(pk=network.pk).update(is_public=False)
    network.refresh_from_db()
    for obj in (network, contact):
        for name in READERS:
            assert status(client_for, users[name], obj) == 404, (name, obj._meta.label)
        assert status(client_for, users["coordinator"], obj) == 200


def test_reference_data_and_rounds_are_readable_by_every_reader(client_for, users):
    round_ = Round.objects.create(year=2043, name="ALKE 2043")
    objects = [
        Region.objects.get(code="MK19"),
        Ministry.objects.get(abbreviation="OKM"),
        Theme.objects.order_by("pk").first(),
        round_,
    ]
    for obj in objects:
        for name in READERS:
            assert status(client_for, users[name], obj) == 200, (name, obj._meta.label)


def test_may_read_defers_to_the_pages_own_selector(users, lappi_user, lappi_draft):
    from alke.agenda.selectors import may_see_proposal

    for user in (*users.values(), lappi_user):
        assert may_read(user, lappi_draft) == may_see_proposal(user, lappi_draft)
    assert permissions.read_check_for(type(lappi_draft)) is may_see_proposal
