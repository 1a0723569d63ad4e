"""The round: phases move one step at a time, the gate follows the phase, the dashboard flags what is late,
and notifications reach users at once or in the daily digest as they chose."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from alke.accounts.models import User
from alke.agenda import services as agenda_services
from alke.policy.models import Theme
from alke.regions.models import Ministry, Region
from alke.rounds import services
from alke.rounds.gate import PHASE_GATE, PhaseClosed, is_open, require_phase
from alke.rounds.models import Notification, Phase, Round
from alke.rounds.notifications import notify, send_digests
from alke.rounds.selectors import dashboard, phase_plan

pytestmark = pytest.mark.django_db

PLAN = {
    Phase.PROPOSALS: (date(2030, 9, 1), date(2030, 10, 15)),
    Phase.AGENDA: (date(2030, 10, 16), date(2030, 12, 15)),
}


@pytest.fixture(autouse=True)
def mail_at_once(monkeypatch):
    """Send the on-commit mails right away: tests run inside one transaction that never commits."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda fn, using=None: fn())


def _round(users) -> Round:
    return services.create_round(
        users["coordinator"], year=2030, common_theme=Theme.objects.get(is_common=True), phases=PLAN
    )


def test_only_the_coordinator_creates_and_moves_rounds(users):
    with pytest.raises(PermissionDenied):
        services.create_round(users["region"], year=2030)
    round_ = _round(users)
    assert round_.name == "ALKE 2030" and round_.phase == Phase.KICK_OFF
    assert round_.phases.count() == 2
    with pytest.raises(PermissionDenied):
        services.move_phase(users["ministry"], round_)
    with pytest.raises(ValidationError, match="on jo olemassa"):
        services.create_round(users["coordinator"], year=2030)


def test_phases_move_one_step_and_back_needs_reason(users):
    round_ = _round(users)
    round_ = services.move_phase(users["coordinator"], round_)
    assert round_.phase == Phase.SITUATION
    with pytest.raises(ValidationError, match="ohittaa"):
        services.move_phase(users["coordinator"], round_, Phase.AGENDA)
    with pytest.raises(ValidationError, match="miksi"):
        services.move_phase(users["coordinator"], round_, Phase.KICK_OFF)
    round_ = services.move_phase(users["coordinator"], round_, Phase.KICK_OFF, reason="Tilannekuva myöhästyy")
    assert round_.phase == Phase.KICK_OFF
    assert round_.history.first().history_change_reason == "Tilannekuva myöhästyy"
    # every participant hears of the change; the public and contacts do not
    assert Notification.objects.filter(user=users["region"]).count() == 2
    assert not Notification.objects.filter(user=users["contact"]).exists()


def test_phase_dates_are_validated(users):
    round_ = _round(users)
    with pytest.raises(ValidationError, match="ennen alkamispäivää"):
        services.set_phase_dates(
            users["coordinator"], round_, Phase.AGENDA, date(2030, 12, 1), date(2030, 11, 1)
        )


def test_gate_table_covers_known_phases_and_names_the_open_phase(users):
    round_ = _round(users)
    for phases in PHASE_GATE.values():
        assert phases <= set(Phase.values)
    assert not is_open(round_, "proposal.create")
    with pytest.raises(PhaseClosed, match="ehdotukset"):
        require_phase(round_, "proposal.create")
    round_.phase = Phase.PROPOSALS
    assert is_open(round_, "proposal.create") and not is_open(round_, "agenda.edit")


def test_dashboard_flags_overdue_regions(users):
    round_ = _round(users)
    round_.phase = Phase.PROPOSALS
    round_.save()
    vs = Region.objects.get(code="MK02")
    proposal = agenda_services.create_proposal(
        users["region"],
        round_,
        vs,
        title="Osaajapula",
        description="Kuvaus",
        ministries=[Ministry.objects.get(abbreviation="TEM")],
    )
    agenda_services.submit_proposal(users["region"], proposal)
    rows = {row.region.code: row for row in dashboard(round_, today=date(2030, 10, 20))}
    assert len(rows) == 18
    assert rows["MK02"].milestone("proposals").detail == "1 jätetty" and not rows["MK02"].overdue
    assert [m.code for m in rows["MK04"].overdue] == ["proposals"]
    # before the deadline nobody is late
    assert not any(row.overdue for row in dashboard(round_, today=date(2030, 10, 1)))
    plan = phase_plan(round_, today=date(2030, 10, 20))
    assert [p.is_current for p in plan].count(True) == 1
    assert next(p for p in plan if p.is_current).is_overdue


def test_reminders_are_sent_once(users):
    round_ = _round(users)
    round_.phase = Phase.PROPOSALS
    round_.save()
    first = services.remind_deadlines(date(2030, 10, 13))
    assert first > 0
    assert services.remind_deadlines(date(2030, 10, 13)) == 0
    assert Notification.objects.filter(user=users["region"], key__startswith="deadline:").count() == 1
    late = services.remind_deadlines(date(2030, 10, 20))
    assert Notification.objects.filter(user=users["other_region"], key__startswith="overdue:").count() == 1
    assert late > 0


def test_immediate_mail_and_daily_digest(users):
    round_ = _round(users)
    now_user, digest_user, silent = users["region"], users["other_region"], users["ministry"]
    for user, mode in ((now_user, "immediate"), (digest_user, "daily"), (silent, "none")):
        user.email = f"{user.username}@example.invalid"
        user.notification_mode = mode
        user.save()
    mail.outbox.clear()
    notify([now_user, digest_user, silent], "Agendan määräpäivä", "Muista agenda.", "/agenda/", round_)
    notify([digest_user], "Toinen asia", "", "", round_)
    assert [m.to for m in mail.outbox] == [["vs@example.invalid"]]
    assert send_digests() == 1
    digest = mail.outbox[-1]
    assert digest.to == ["sk@example.invalid"]
    assert "Agendan määräpäivä" in digest.body and "Toinen asia" in digest.body
    assert send_digests() == 0  # nothing left
    assert Notification.objects.filter(user=silent, emailed_at__isnull=True).count() == 1


def test_digest_command_and_reminder_command(users, capsys):
    round_ = _round(users)
    Round.objects.filter(pk=round_.pk).update(phase=Phase.PROPOSALS)
    User.objects.filter(pk=users["region"].pk).update(notification_mode="daily", email="vs@example.invalid")
    mail.outbox.clear()
    call_command("round_reminders", "--today", "2030-10-13")
    call_command("send_digest")
    out = capsys.readouterr().out
    assert "digests sent: 1" in out
    assert any(m.to == ["vs@example.invalid"] and "13.10.2030" not in m.subject for m in mail.outbox)
    assert "15.10.2030" in mail.outbox[-1].body
