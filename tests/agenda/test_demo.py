"""The demo round loads through the services, lands in the agenda phase and loads only once."""

from __future__ import annotations

import pytest

from alke.agenda.demo import load_demo_agenda
from alke.agenda.models import Agenda, MinistryIssue, Proposal, SynergySuggestion
from alke.rounds.demo import DEMO_YEAR, load_demo_round
from alke.rounds.models import Phase, Round

pytestmark = [pytest.mark.django_db, pytest.mark.demo_data]


def test_demo_is_realistic_flagged_and_idempotent():
    round_ = Round.objects.get(year=DEMO_YEAR)
    assert round_.is_demo and round_.phase == Phase.AGENDA
    proposals = Proposal.objects.filter(round=round_)
    assert proposals.count() == 31 and not proposals.filter(is_demo=False).exists()
    assert proposals.filter(language="sv").count() >= 5
    assert proposals.filter(status=Proposal.Status.DECLINED).exclude(decision_reason="").count() == 1
    assert MinistryIssue.objects.filter(round=round_, language="sv").exists()
    decided = SynergySuggestion.objects.filter(round=round_).exclude(status="suggested")
    assert decided.filter(status="accepted", agenda__kind="joint").exists()
    assert decided.filter(status="rejected").exclude(reason="").exists()
    assert Agenda.objects.filter(round=round_, kind="region").count() == 18
    assert Agenda.objects.filter(round=round_, status="ready").count() == 2

    said: list[str] = []
    counts = (Proposal.objects.count(), MinistryIssue.objects.count(), Agenda.objects.count())
    load_demo_round(said.append)
    load_demo_agenda(said.append)
    assert (Proposal.objects.count(), MinistryIssue.objects.count(), Agenda.objects.count()) == counts
    assert "agenda demo of ALKE 2027 already present" in " ".join(said)
