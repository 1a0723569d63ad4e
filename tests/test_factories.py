"""The factories make the states they promise, through the same rules the application keeps."""

from __future__ import annotations

from datetime import date

import pytest

from alke.agreements.models import DocumentApproval
from alke.core.permissions import Role, can
from alke.followup.models import ConclusionFollowUp
from alke.rounds.models import Phase
from tests.factories import (
    AgendaItemFactory,
    ConclusionFactory,
    CooperationDocumentFactory,
    DevelopmentZoneFactory,
    EcosystemAgreementFactory,
    FollowUpUpdateFactory,
    MinistryIssueFactory,
    ProposalFactory,
    RoundFactory,
    SessionFactory,
    ThematicNetworkFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db


def test_round_traits_set_the_phase_dates_and_theme(reference):
    round_ = RoundFactory(
        agenda=True, common=True, phases={Phase.AGENDA: (date(2030, 10, 16), date(2030, 12, 15))}
    )
    assert round_.phase == "agenda" and round_.name == f"ALKE {round_.year}"
    assert round_.common_theme.is_common
    assert list(round_.phases.values_list("phase", "ends_on")) == [("agenda", date(2030, 12, 15))]
    assert RoundFactory(follow_up=True).phase == "follow_up"


def test_users_get_the_role_they_are_made_with(reference):
    official = UserFactory(role=Role.REGION, organisation="liitto-mk02")
    assert official.check_password("salasana-joka-kelpaa-1")
    assert can(official, "proposal.create", region("MK02")) and not can(official, "proposal.create", region("MK04"))
    assert UserFactory(coordinator=True).memberships.get().role == Role.COORDINATOR
    assert not UserFactory().memberships.exists()


def test_agenda_records(reference):
    proposal = ProposalFactory(submitted=True, ministries=["LVM", "OKM"])
    assert proposal.status == "submitted" and proposal.submitted_at and proposal.is_cross_sectoral
    assert ProposalFactory(declined=True).decision_reason
    assert ProposalFactory(region="MK04").region.code == "MK04"
    issue = MinistryIssueFactory(regions=["MK02", "MK04"])
    assert issue.ministry.abbreviation == "OKM" and issue.regions.count() == 2
    assert MinistryIssueFactory(ministry="LVM").ministry.abbreviation == "LVM"
    item = AgendaItemFactory(ministries=["TEM"])
    assert item.agenda.region.code == "MK02" and item.agenda.round.phase == "agenda"
    session = SessionFactory(regions=["MK02"], ministries=["TEM"])
    assert session.timetable.slots.count() == 2 and session.party_codes() == ["MK02", "TEM"]


def test_a_published_document_is_approved_by_both_parties(users):
    round_ = RoundFactory(documents=True)
    conclusion = ConclusionFactory(round=round_, ministries=["OKM"])
    assert not conclusion.region_responsible  # OKM answers for it
    assert ConclusionFactory(round=round_).region_responsible  # nobody else named: the council
    joint = CooperationDocumentFactory(round=round_, other_regions=["MK04"], published=True)
    assert joint.is_final and joint.is_published and joint.kind == "joint"
    approvals = joint.final_version.approvals.all()
    assert {(a.party, a.region_id) for a in approvals} == {
        (DocumentApproval.Party.STATE, None),
        (DocumentApproval.Party.REGION, region("MK02").pk),
        (DocumentApproval.Party.REGION, region("MK04").pk),
    }
    # The test's own officials approve when it has them.
    assert {a.approved_by for a in approvals} == {users["coordinator"], users["region"], users["other_region"]}
    assert len(joint.published_version.content["conclusions"]) == 2


def test_a_follow_up_update_is_recorded_through_the_rules(users):
    round_ = RoundFactory(follow_up=True)
    conclusion = ConclusionFactory(round=round_)
    with pytest.raises(ValueError, match="agreed conclusion"):
        FollowUpUpdateFactory()
    CooperationDocumentFactory(round=round_, approved=True)
    update = FollowUpUpdateFactory(conclusion=conclusion, progress=40, by=users["region"])
    assert update.author == users["region"]
    followup = ConclusionFollowUp.objects.get(conclusion=conclusion)
    assert (followup.status, followup.progress) == ("in_progress", 40)


def test_partnership_records(reference):
    network = ThematicNetworkFactory(regions=["MK06"])
    assert (network.period_start, network.period_end) == (date(2024, 1, 1), date(2027, 12, 31))
    assert [r.code for r in network.regions.all()] == ["MK06"]
    assert DevelopmentZoneFactory().get_absolute_url().startswith("/kumppanuudet/")
    assert EcosystemAgreementFactory(regions=["MK02"]).regions.get().code == "MK02"
