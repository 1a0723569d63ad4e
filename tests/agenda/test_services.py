"""Proposals, issues, candidates and agendas: permissions, the phase gate, states and notifications."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from alke.agenda import services
from alke.agenda.models import Agenda, AgendaCandidate, AgendaItem, Proposal
from alke.rounds.gate import PhaseClosed
from alke.rounds.models import Notification, Phase

pytestmark = pytest.mark.django_db


def _proposal(users, round_, region, **extra):
    values = {
        "title": "Tunnin junayhteys Turusta Helsinkiin",
        "description": "Nopea ratayhteys yhdistäisi työssäkäyntialueet.",
        "request": "Valtio sitoutuu hankeyhtiön rahoitukseen.",
        "kind": "opportunity",
    }
    values.update(extra)
    return services.create_proposal(users["region"], round_, region, **values)


def _to_agenda_phase(round_):
    round_.phase = Phase.AGENDA
    round_.save()


def test_region_creates_and_submits_own_proposal(users, round_, vs, okm, lvm):
    proposal = _proposal(users, round_, vs, ministries=[lvm, okm])
    assert proposal.status == Proposal.Status.DRAFT
    assert proposal.is_cross_sectoral
    users["ministry"].email = "okm@example.invalid"
    users["ministry"].save()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, using=None: fn())
        services.submit_proposal(users["region"], proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED and proposal.submitted_at
    # the ministry concerned (OKM) is notified by email at once; the other ministry user (LVM) too
    assert Notification.objects.filter(user=users["ministry"], subject__contains=proposal.title).exists()
    assert any("okm@example.invalid" in m.to for m in mail.outbox)
    assert proposal.history.count() >= 2


def test_region_cannot_write_for_another_region(users, round_, sk):
    with pytest.raises(PermissionDenied):
        _proposal(users, round_, sk)
    with pytest.raises(PermissionDenied):
        services.create_proposal(users["ministry"], round_, sk, title="x", description="y")


def test_submit_needs_a_ministry(users, round_, vs):
    proposal = _proposal(users, round_, vs)
    with pytest.raises(ValidationError, match="ministeriö"):
        services.submit_proposal(users["region"], proposal)


def test_proposals_only_while_open(users, round_, vs, lvm):
    proposal = _proposal(users, round_, vs, ministries=[lvm])
    _to_agenda_phase(round_)
    with pytest.raises(PhaseClosed, match="ehdotukset") as refused:
        services.update_proposal(users["region"], proposal, title="Uusi otsikko")
    assert refused.value.code == "phase_closed"
    with pytest.raises(PhaseClosed):
        _proposal(users, round_, vs)
    proposal.refresh_from_db()
    assert proposal.title == "Tunnin junayhteys Turusta Helsinkiin"


def test_decline_needs_reason_and_merge_needs_valid_target(users, round_, vs, lvm):
    a = _proposal(users, round_, vs, ministries=[lvm])
    b = _proposal(users, round_, vs, title="Rantaradan kehittäminen", ministries=[lvm])
    with pytest.raises(ValidationError, match="Luonnoksesta"):
        services.decide_proposal(users["coordinator"], a, "accepted")
    services.submit_proposal(users["region"], a)
    services.submit_proposal(users["region"], b)
    with pytest.raises(PermissionDenied):
        services.decide_proposal(users["region"], a, "accepted")
    with pytest.raises(ValidationError, match="perustelu"):
        services.decide_proposal(users["coordinator"], a, "declined", reason="  ")
    with pytest.raises(ValidationError, match="itseensä"):
        services.decide_proposal(users["coordinator"], a, "merged", merged_into=a)
    services.decide_proposal(users["coordinator"], b, "merged", reason="Sama asia", merged_into=a)
    b.refresh_from_db()
    assert b.status == Proposal.Status.MERGED and b.merged_into == a
    services.decide_proposal(users["coordinator"], a, "declined", reason="Ei kuulu keskusteluihin")
    a.refresh_from_db()
    assert a.decision_reason == "Ei kuulu keskusteluihin"
    with pytest.raises(ValidationError, match="käsitelty"):
        services.update_proposal(users["region"], a, title="Muutettu")


def test_comments_by_parties(users, round_, vs, lvm):
    proposal = _proposal(users, round_, vs, ministries=[lvm])
    services.comment_proposal(users["other_ministry"], proposal, "LVM valmistelee selvitystä.")
    with pytest.raises(PermissionDenied):
        services.comment_proposal(users["other_region"], proposal, "Emme ole osapuoli.")
    with pytest.raises(ValidationError, match="Kommentti"):
        services.comment_proposal(users["coordinator"], proposal, "   ")
    assert proposal.comments.count() == 1


def test_ministry_raises_issue_for_several_regions(users, round_, vs, sk, okm, lvm):
    issue = services.raise_issue(
        users["ministry"], round_, okm, [vs, sk], title="Korkeakoulutuksen saatavuus", description="Kuvaus"
    )
    assert set(issue.regions.all()) == {vs, sk}
    assert Notification.objects.filter(user=users["other_region"], subject__contains="OKM").exists()
    with pytest.raises(PermissionDenied):
        services.raise_issue(users["ministry"], round_, lvm, [vs], title="Väärä ministeriö", description="x")
    with pytest.raises(ValidationError, match="maakunta"):
        services.raise_issue(users["ministry"], round_, okm, [], title="Ei alueita", description="x")


def test_agenda_starts_with_common_theme_and_must_fit_session(users, round_, vs, lvm, okm):
    a = _proposal(users, round_, vs, ministries=[lvm])
    services.submit_proposal(users["region"], a)
    services.decide_proposal(users["coordinator"], a, "accepted")
    with pytest.raises(PhaseClosed):
        services.ensure_region_agenda(users["region"], round_, vs)
    _to_agenda_phase(round_)
    created = services.prepare_agendas(users["coordinator"], round_)
    assert created == 18
    agenda = Agenda.objects.get(round=round_, region=vs)
    items = list(agenda.items.order_by("order"))
    assert items[0].source == AgendaItem.Source.COMMON_THEME and items[0].theme == round_.common_theme
    assert items[1].proposals.get() == a and list(items[1].ministries.all()) == [lvm]
    # a ministry adds an item; another region may not
    extra = services.add_item(users["ministry"], agenda, title="OKM:n nosto", minutes=100, ministries=[okm])
    with pytest.raises(PermissionDenied):
        services.add_item(users["other_region"], agenda, title="Vieras kohta")
    with pytest.raises(ValidationError, match="150 min"):
        services.set_agenda_ready(users["region"], agenda)
    services.update_item(users["region"], extra, minutes=40)
    services.move_item(users["region"], extra, up=True)
    assert [i.pk for i in agenda.items.order_by("order")][1] == extra.pk
    with pytest.raises(ValidationError, match="Yhteinen teema"):
        services.remove_item(users["region"], items[0])
    services.set_agenda_ready(users["region"], agenda)
    agenda.refresh_from_db()
    assert agenda.status == Agenda.Status.READY
    # adding after "ready" sends the agenda back to drafting
    services.add_item(users["region"], agenda, title="Myöhäinen lisäys", minutes=10, ministries=[okm])
    agenda.refresh_from_db()
    assert agenda.status == Agenda.Status.DRAFT


def test_item_links_must_belong_to_the_agenda(users, round_, vs, sk, lvm):
    other = services.create_proposal(
        users["other_region"], round_, sk, title="Porin satama", description="Satama", ministries=[lvm]
    )
    _to_agenda_phase(round_)
    agenda = services.ensure_region_agenda(users["region"], round_, vs)
    with pytest.raises(ValidationError, match="ei osallistu"):
        services.add_item(users["region"], agenda, title="Vieras", proposals=[other])
    with pytest.raises(ValidationError, match="5–150"):
        services.add_item(users["region"], agenda, title="Liian pitkä", minutes=500)


def test_carry_over_candidate_is_idempotent_and_taken_to_agenda(users, round_, vs, okm):
    candidate = services.add_agenda_candidate(
        users["coordinator"],
        round_,
        vs,
        title="Keskeneräinen: osaajien saatavuus",
        source_label="ALKE 2030, johtopäätös 3",
        source_key="conclusion:3",
        ministries=[okm],
    )
    again = services.add_agenda_candidate(
        users["coordinator"], round_, vs, title="Toinen otsikko", source_key="conclusion:3"
    )
    assert again.pk == candidate.pk and AgendaCandidate.objects.count() == 1
    _to_agenda_phase(round_)
    with pytest.raises(ValidationError, match="miksi"):
        services.decide_candidate(users["region"], candidate, take=False)
    services.decide_candidate(users["region"], candidate, take=True)
    item = AgendaItem.objects.get(candidate=candidate)
    assert item.source == AgendaItem.Source.CARRY_OVER and list(item.ministries.all()) == [okm]
    candidate.refresh_from_db()
    assert candidate.status == AgendaCandidate.Status.TAKEN


def test_agenda_comment_permissions(users, round_, vs):
    _to_agenda_phase(round_)
    agenda = services.ensure_region_agenda(users["coordinator"], round_, vs)
    services.comment_agenda(users["other_ministry"], agenda, "LVM osallistuu kohtaan 2.")
    with pytest.raises(PermissionDenied):
        services.comment_agenda(users["aune"], agenda, "AUNE ei kommentoi agendaa.")
