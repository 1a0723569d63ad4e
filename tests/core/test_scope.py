"""`scope(user, action, queryset)` keeps the rows `can(user, action, row)` allows, from the same declaration."""

from __future__ import annotations

import pytest

from alke.agenda import services as agenda
from alke.agenda.models import Proposal
from alke.agreements import services as agreements
from alke.agreements.models import Conclusion, CooperationDocument
from alke.core.permissions import can, declarations, scope, scope_q
from alke.followup.services import followup_of, set_details
from alke.regions.models import Ministry, Organisation, Region
from alke.rounds.models import Phase, Round


@pytest.fixture
def rows(users):
    """Conclusions, documents and proposals of two regions, with different ministries and organisations."""
    coordinator = users["coordinator"]
    round_ = Round.objects.create(year=2031, name="ALKE 2031", phase=Phase.PROPOSALS)
    vs, sk, lappi = (Region.objects.get(code=code) for code in ("MK02", "MK04", "MK19"))
    okm, stm = Ministry.objects.get(abbreviation="OKM"), Ministry.objects.get(abbreviation="STM")
    tampere = Organisation.objects.get(slug="business-tampere")
    named = agreements.record_conclusion(coordinator, round_, vs, text_fi="OKM ja verkosto", ministries=[okm])
    agreements.record_conclusion(
        coordinator, round_, sk, text_fi="STM:n ja verkoston", ministries=[stm], organisations=[tampere]
    )
    reported = agreements.record_conclusion(coordinator, round_, lappi, text_fi="Lapin", ministries=[stm])
    # The network contact's organisation reports on Lapland's conclusion without being named in it.
    set_details(coordinator, reported, responsible_organisation=tampere)
    followup_of(named)
    joint = agreements.create_document(coordinator, round_, vs, other_regions=[sk])
    agreements.create_document(coordinator, round_, lappi)
    for region, user in ((vs, users["region"]), (sk, users["other_region"])):
        proposal = agenda.create_proposal(
            user, round_, region, title=f"Ehdotus {region.code}", description="Kuvaus", ministries=[okm]
        )
        if region == sk:
            agenda.submit_proposal(user, proposal)
    return {"round": round_, "joint": joint}


# What `can` is asked about for a row, where that is not the row itself: a conclusion is updated through its
# follow-up record, which also knows the organisation named to report on it.
SUBJECT = {"followup.update": followup_of}


def _allowed(user, action, queryset):
    subject = SUBJECT.get(action, lambda row: row)
    return {row.pk for row in queryset if can(user, action, subject(row))}


SCOPED = [a for a in declarations() if a.objects is not None]


@pytest.mark.django_db
@pytest.mark.parametrize("action", SCOPED, ids=lambda a: a.name)
def test_scope_keeps_exactly_the_rows_can_allows(action, users, rows):
    from django.apps import apps

    queryset = apps.get_model(action.objects.model).objects.all()
    assert queryset.exists()
    for name, user in users.items():
        assert set(scope(user, action.name, queryset).values_list("pk", flat=True)) == _allowed(
            user, action.name, queryset
        ), (action.name, name)


@pytest.mark.django_db
def test_follow_up_scope_by_region_ministry_and_organisation(users, rows):
    def texts(user):
        return set(scope(user, "followup.update", Conclusion.objects.all()).values_list("text_fi", flat=True))

    assert texts(users["region"]) == {"OKM ja verkosto"}
    assert texts(users["ministry"]) == {"OKM ja verkosto"}
    assert texts(users["other_ministry"]) == set()  # LVM has no conclusion here
    assert texts(users["contact"]) == {"STM:n ja verkoston", "Lapin"}  # named, and reporting
    assert texts(users["aune"]) == set()
    assert texts(users["coordinator"]) == {"OKM ja verkosto", "STM:n ja verkoston", "Lapin"}


@pytest.mark.django_db
def test_documents_scope_covers_the_joint_documents_other_regions(users, rows):
    other = scope(users["other_region"], "document.view", CooperationDocument.objects.all())
    assert list(other) == [rows["joint"]]
    assert scope_q(users["ministry"], "document.view") is None  # the state reads every document
    assert not scope(users["aune"], "document.view", CooperationDocument.objects.all()).exists()


@pytest.mark.django_db
def test_a_draft_proposal_only_to_its_own_region(users, rows):
    from alke.agenda.selectors import readable_proposals

    def titles(user):
        return set(readable_proposals(user, Proposal.objects.all()).values_list("title", flat=True))

    assert titles(users["region"]) == {"Ehdotus MK02", "Ehdotus MK04"}  # its own draft and a submitted one
    assert titles(users["other_region"]) == {"Ehdotus MK04"}
    assert titles(users["ministry"]) == {"Ehdotus MK04"}
    assert titles(users["contact"]) == set()  # no right to read proposals
    assert titles(users["coordinator"]) == {"Ehdotus MK02", "Ehdotus MK04"}


def test_scope_refuses_a_queryset_of_another_model(db):
    with pytest.raises(ValueError, match="scopes agreements.Conclusion"):
        scope(None, "followup.update", Proposal.objects.all())


@pytest.mark.django_db
def test_no_rows_for_the_anonymous_and_the_unknown_action(users, rows):
    from django.contrib.auth.models import AnonymousUser

    assert not scope(AnonymousUser(), "followup.update", Conclusion.objects.all()).exists()
    with pytest.raises(KeyError, match="unknown permission action"):
        scope_q(users["region"], "no.such.action")
