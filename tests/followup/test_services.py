"""Follow-up writes: one update, a batch, a file, reminders, carry-over, the survey and improvements."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alke.agenda.models import AgendaCandidate
from alke.agreements import services as agreements
from alke.followup import selectors, services
from alke.followup.models import ConclusionFollowUp, FollowUpUpdate, ImprovementItem, SurveyResponse
from alke.regions.models import Ministry, Region
from alke.rounds.models import Notification, Phase, Round

from .conftest import TODAY


def update(user, conclusion, **kwargs):
    return services.record_update(user, conclusion, today=TODAY, **kwargs)


@pytest.mark.django_db
def test_an_update_moves_status_and_progress_and_keeps_a_dated_entry(users, agreed):
    c = agreed[0]
    entry = update(
        users["region"],
        c,
        status="in_progress",
        progress=30,
        note="Työpaja pidetty.",
        evidence_url="https://example.org/muistio",
        on=date(2026, 2, 1),
    )
    followup = ConclusionFollowUp.objects.get(conclusion=c)
    assert (followup.status, followup.progress, followup.last_update_on) == (
        "in_progress",
        30,
        date(2026, 2, 1),
    )
    assert (entry.previous_status, entry.previous_progress) == ("not_started", 0)
    assert entry.organisation.slug == "liitto-mk02"
    assert entry.author == users["region"]
    done = update(users["ministry"], c, status="done", note="Valmis.")
    followup.refresh_from_db()
    assert (done.progress, followup.progress, followup.completed_on) == (100, 100, TODAY)
    assert followup.history.count() >= 2


@pytest.mark.django_db
def test_dropping_needs_a_reason_and_records_it(users, agreed):
    c = agreed[0]
    with pytest.raises(services.FollowUpError, match="syy"):
        update(users["region"], c, status="dropped")
    update(users["region"], c, status="dropped", note="Rahoitusmalli muuttui.")
    followup = ConclusionFollowUp.objects.get(conclusion=c)
    assert followup.status == "dropped"
    assert followup.drop_reason == "Rahoitusmalli muuttui."
    with pytest.raises(services.FollowUpError, match="avata uudelleen"):
        update(users["region"], c, status="in_progress")


@pytest.mark.django_db
def test_progress_going_backwards_needs_a_note(users, agreed):
    c = agreed[0]
    update(users["region"], c, status="in_progress", progress=60)
    with pytest.raises(services.FollowUpError, match="laskisi"):
        update(users["region"], c, status="in_progress", progress=40)
    update(users["region"], c, status="in_progress", progress=40, note="Toinen vaihe viivästyi.")
    assert ConclusionFollowUp.objects.get(conclusion=c).progress == 40


@pytest.mark.django_db
def test_who_may_update(users, agreed):
    okm_conclusion, lvm_conclusion, network_conclusion = agreed
    update(users["ministry"], okm_conclusion, status="in_progress", progress=10)
    update(users["other_ministry"], lvm_conclusion, status="in_progress", progress=10)
    update(users["contact"], network_conclusion, status="in_progress", progress=10)
    for user, conclusion in [
        (users["other_ministry"], okm_conclusion),
        (users["ministry"], lvm_conclusion),
        (users["other_region"], okm_conclusion),
        (users["contact"], okm_conclusion),
        (users["aune"], okm_conclusion),
        (users["nobody"], okm_conclusion),
    ]:
        with pytest.raises(PermissionDenied):
            update(user, conclusion, status="in_progress", progress=50)


@pytest.mark.django_db
def test_follow_up_starts_only_when_the_document_is_approved(users, round_, reference):
    region = Region.objects.get(code="MK04")
    draft = agreements.record_conclusion(
        users["coordinator"], round_, region, text_fi="Luonnos.", region_responsible=True
    )
    assert not selectors.is_tracked(draft)
    with pytest.raises(services.FollowUpError, match="hyväksytty"):
        update(users["coordinator"], draft, status="in_progress", progress=10)


@pytest.mark.django_db
def test_a_batch_is_all_or_nothing_and_names_each_bad_row(users, agreed):
    a, b, c = agreed
    rows = [
        services.UpdateInput(a.pk, "in_progress", 20, row=2),
        services.UpdateInput(b.pk, "done", 80, row=3),
        services.UpdateInput(c.pk, "dropped", None, row=4),
        services.UpdateInput(999999, "done", None, row=5),
    ]
    with pytest.raises(services.BatchRejected) as error:
        services.record_updates(users["coordinator"], rows, today=TODAY)
    assert error.value.code == "batch_rejected"
    assert [e.row for e in error.value.errors] == [3, 4, 5]
    assert "100" in error.value.errors[0].message
    assert "999999" in error.value.errors[2].message
    assert FollowUpUpdate.objects.count() == 0
    assert {r.status for r in selectors.followup_rows()} == {"not_started"}
    written = services.record_updates(
        users["coordinator"], rows[:1] + [services.UpdateInput(b.pk, "done", None, row=3)], today=TODAY
    )
    assert len(written) == 2


@pytest.mark.django_db
def test_a_batch_refuses_rows_the_user_may_not_update_and_repeated_conclusions(users, agreed):
    a, b, _c = agreed
    rows = [
        services.UpdateInput(a.pk, "in_progress", 20, row=2),
        services.UpdateInput(b.pk, "in_progress", 20, row=3),
        services.UpdateInput(a.pk, "in_progress", 30, row=4),
    ]
    with pytest.raises(services.BatchRejected) as error:
        services.record_updates(users["ministry"], rows, today=TODAY)
    messages = {e.row: e.message for e in error.value.errors}
    assert "oikeutta" in messages[3]
    assert "rivillä 2" in messages[4]
    assert FollowUpUpdate.objects.count() == 0


def _csv(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.django_db
def test_csv_import_accepts_labels_in_three_languages(users, agreed):
    a, b, c = agreed
    data = _csv(
        [
            "johtopäätös;tila;edistyminen (%);huomio;linkki;päivä",
            f"{a.pk};käynnissä;35;Edennyt.;https://example.org/a;1.3.2026",
            f"{b.pk};pågående;10;;;",
            "",
            f"{c.pk};done;;Valmis.;;2026-05-01",
        ]
    )
    written = services.import_updates(users["coordinator"], "paivitykset.csv", data, today=TODAY)
    assert len(written) == 3
    assert {u.source for u in written} == {"import"}
    states = dict(ConclusionFollowUp.objects.values_list("conclusion_id", "status"))
    assert states == {a.pk: "in_progress", b.pk: "in_progress", c.pk: "done"}
    assert FollowUpUpdate.objects.get(followup__conclusion=a).on == date(2026, 3, 1)


@pytest.mark.django_db
def test_xlsx_import_with_a_bad_row_is_rejected_whole(users, agreed):
    from openpyxl import Workbook

    a, b, _c = agreed
    wb = Workbook()
    sheet = wb.active
    sheet.append(["johtopäätös", "tila", "edistyminen (%)", "huomio"])
    sheet.append([a.pk, "in_progress", 50, "Hyvä."])
    sheet.append([b.pk, "in_progress", "puolet", ""])
    sheet.append(["x", "valmis", 100, ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(services.BatchRejected) as error:
        services.import_updates(users["coordinator"], "p.xlsx", buffer.getvalue(), today=TODAY)
    assert [e.row for e in error.value.errors] == [3, 4]
    assert "puolet" in str(error.value.errors[0])
    assert str(error.value.errors[0]).startswith("Rivi 3:")
    assert FollowUpUpdate.objects.count() == 0


@pytest.mark.django_db
def test_import_names_missing_columns_and_wrong_files(users, agreed):
    with pytest.raises(services.FollowUpError, match="johtopäätös"):
        services.import_updates(users["coordinator"], "p.csv", _csv(["id;huomio", "1;x"]), today=TODAY)
    with pytest.raises(services.FollowUpError, match="CSV- tai XLSX"):
        services.import_updates(users["coordinator"], "p.txt", b"x", today=TODAY)
    with pytest.raises(services.FollowUpError, match="XLSX"):
        services.import_updates(users["coordinator"], "p.xlsx", b"not a workbook", today=TODAY)


@pytest.mark.django_db
def test_reminders_before_deadlines_after_them_and_for_stale_conclusions(users, agreed):
    okm_conclusion, lvm_conclusion, network_conclusion = agreed
    for user in (users["region"], users["ministry"], users["other_ministry"], users["contact"]):
        user.email = f"{user.username}@example.org"
        user.save()
    result = services.send_reminders(TODAY, days_before=60, stale_days=365)
    assert (result.upcoming, result.overdue, result.stale) == (1, 1, 0)
    subjects = {
        (n.user.username, n.subject.split(":")[0]) for n in Notification.objects.select_related("user")
    }
    assert ("okm", "Määräaika lähestyy 30.06.2026") in subjects
    assert ("vs", "Määräaika lähestyy 30.06.2026") in subjects
    assert ("lvm", "Määräaika ohitettu") in subjects
    assert not any(username == "contact" for username, _s in subjects)
    again = services.send_reminders(TODAY, days_before=60, stale_days=365)
    assert again.notifications == 0
    later = timezone.localdate() + timedelta(days=100)  # follow-up began today: stale after 60 days
    stale = services.send_reminders(later, days_before=0, stale_days=60)
    assert stale.stale == 3
    assert Notification.objects.filter(user=users["contact"], subject__startswith="Ei päivityksiä").exists()
    # Done conclusions are not reminded of.
    update(users["ministry"], okm_conclusion, status="done")
    assert okm_conclusion.pk not in services.send_reminders(later, stale_days=1).conclusions


@pytest.mark.django_db
def test_reminder_command_reports_counts(users, agreed):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("followup_reminders", "--today", "2026-05-15", "--days-before", "60", stdout=out)
    assert "deadline near: 1, overdue: 1" in out.getvalue()


@pytest.mark.django_db
def test_carry_over_offers_unfinished_conclusions_to_the_next_round(users, agreed, round_):
    a, b, c = agreed
    update(users["coordinator"], c, status="done")
    with pytest.raises(services.FollowUpError, match="uutta kierrosta"):
        services.carry_over(users["coordinator"], round_)
    nxt = Round.objects.create(year=2026, name="ALKE 2026", phase=Phase.PROPOSALS)
    result = services.carry_over(users["coordinator"], round_)
    assert result.target == nxt and len(result.created) == 2
    candidates = AgendaCandidate.objects.filter(round=nxt, source="carry_over")
    assert {x.source_key for x in candidates} == {f"conclusion:{a.pk}", f"conclusion:{b.pk}"}
    first = candidates.get(source_key=f"conclusion:{b.pk}")
    assert first.region.code == "MK02"
    assert list(first.ministries.values_list("abbreviation", flat=True)) == ["LVM"]
    assert "Määräaika oli 31.3.2026." in first.description  # stored in Finnish, the source language
    again = services.carry_over(users["region"], round_, Region.objects.get(code="MK02"))
    assert (len(again.created), len(again.existing)) == (0, 2)
    with pytest.raises(PermissionDenied):
        services.carry_over(users["other_region"], round_, Region.objects.get(code="MK02"))


@pytest.mark.django_db
def test_carry_over_obeys_the_next_rounds_phase(users, agreed, round_):
    Round.objects.create(year=2026, name="ALKE 2026", phase=Phase.SCHEDULING)
    with pytest.raises(ValidationError):
        services.carry_over(users["coordinator"], round_)
    assert not AgendaCandidate.objects.exists()


@pytest.mark.django_db
def test_anonymous_survey_keeps_no_respondent_and_one_answer_each(users, round_, vs):
    with pytest.raises(PermissionDenied):
        services.open_survey(users["region"], round_)
    survey = services.open_survey(users["coordinator"], round_)
    assert survey.anonymous and survey.questions.count() == 7
    response = services.answer_survey(
        users["region"], survey, region=vs, answers={"preparation": 4, "improve": "Aiemmin."}
    )
    assert response.respondent is None
    assert len(response.respondent_key) == 64 and not hasattr(SurveyResponse, "history")
    with pytest.raises(services.FollowUpError, match="jo vastannut"):
        services.answer_survey(users["region"], survey, region=vs, answers={"preparation": 5})
    with pytest.raises(services.FollowUpError, match="1–5"):
        services.answer_survey(users["ministry"], survey, region=vs, answers={"preparation": 6})
    with pytest.raises(services.FollowUpError, match="ainakin yhteen"):
        services.answer_survey(users["ministry"], survey, region=vs, answers={"preparation": ""})
    services.answer_survey(users["ministry"], survey, region=None, answers={"preparation": 2, "time": 3})
    with pytest.raises(PermissionDenied):
        services.answer_survey(users["nobody"], survey, region=None, answers={"preparation": 2})
    results = {r.question.code: r for r in selectors.survey_results(survey)}
    assert results["preparation"].mean == 3.0
    assert results["preparation"].distribution == [0, 1, 0, 1, 0]
    assert results["improve"].texts == ["Aiemmin."]
    services.close_survey(users["coordinator"], survey)
    with pytest.raises(services.FollowUpError, match="suljettu"):
        services.answer_survey(users["aune"], survey, region=None, answers={"preparation": 4})
    assert SurveyResponse.objects.count() == 2


@pytest.mark.django_db
def test_survey_results_compare_across_rounds_by_question(users, round_):
    later = Round.objects.create(year=2026, name="ALKE 2026", phase=Phase.FEEDBACK)
    for r, ratings in ((round_, [3, 4]), (later, [5])):
        survey = services.open_survey(users["coordinator"], r)
        for user, rating in zip((users["region"], users["ministry"]), ratings, strict=False):
            services.answer_survey(user, survey, region=None, answers={"time": rating})
    _surveys, rows = selectors.survey_comparison()
    time = next(row for row in rows if row["code"] == "time")
    assert time["means"] == {2025: 3.5, 2026: 5.0}
    assert time["n"] == {2025: 2, 2026: 1}


@pytest.mark.django_db
def test_improvement_items(users, round_):
    later = Round.objects.create(year=2026, name="ALKE 2026")
    with pytest.raises(PermissionDenied):
        services.save_improvement(users["region"], source_round=round_, title="x", finding="y")
    with pytest.raises(services.FollowUpError, match="myöhempään"):
        services.save_improvement(
            users["coordinator"], source_round=later, target_round=round_, title="x", finding="y"
        )
    with pytest.raises(services.FollowUpError, match="havainto"):
        services.save_improvement(users["coordinator"], source_round=round_, title="x", finding=" ")
    item = services.save_improvement(
        users["coordinator"],
        source_round=round_,
        target_round=later,
        title="Aineisto aiemmin",
        finding="Arvio 3,1.",
        status="planned",
    )
    assert ImprovementItem.objects.get().target_round == later
    services.save_improvement(
        users["coordinator"],
        item,
        source_round=round_,
        target_round=later,
        title="Aineisto aiemmin",
        finding="Arvio 3,1.",
        status="done",
    )
    assert ImprovementItem.objects.get().status == "done"


@pytest.mark.django_db
def test_ministry_scope_reaches_conclusions_naming_the_ministry(users, agreed):
    """The editable table lists what the user may update: the ministry its conclusions, the region its own."""
    okm = Ministry.objects.get(abbreviation="OKM")
    mine = list(selectors.updatable_conclusions(users["ministry"]))
    assert [c.pk for c in mine] == [agreed[0].pk] and okm in mine[0].ministries.all()
    assert len(selectors.updatable_conclusions(users["region"])) == 3
    assert [c.pk for c in selectors.updatable_conclusions(users["contact"])] == [agreed[2].pk]
    assert list(selectors.updatable_conclusions(users["other_region"])) == []


@pytest.mark.django_db
def test_reopening_a_done_conclusion_asks_for_the_progress(users, agreed):
    c = agreed[0]
    update(users["region"], c, status="done")
    with pytest.raises(services.FollowUpError, match="Anna edistyminen"):
        update(users["region"], c, status="in_progress", note="Uusi vaihe.")
    update(users["region"], c, status="in_progress", progress=80, note="Uusi vaihe.")
    followup = ConclusionFollowUp.objects.get(conclusion=c)
    assert (followup.status, followup.progress, followup.completed_on) == ("in_progress", 80, None)
