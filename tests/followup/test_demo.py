"""The demo holds two finished rounds (ALKE 2024 in feedback, ALKE 2025 in follow-up), so the AUNE report's trend
and the survey comparison show more than one point; loading the demo again adds nothing."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from alke.agreements.demo import DEMO_YEAR, EARLIER, EARLIER_YEAR
from alke.agreements.models import Conclusion, CooperationDocument
from alke.followup.demo import EARLIER_ANSWERS
from alke.followup.models import (
    ConclusionFollowUp,
    FeedbackSurvey,
    FollowUpUpdate,
    ImprovementItem,
    SurveyAnswer,
    SurveyResponse,
)
from alke.followup.selectors import aune_report, survey_comparison
from alke.funding.models import LedgerEntry
from alke.rounds.models import Phase, Round
from tests.conftest import demo_user

pytestmark = [pytest.mark.django_db, pytest.mark.demo_data]

MODELS = (
    Round,
    CooperationDocument,
    Conclusion,
    LedgerEntry,
    ConclusionFollowUp,
    FollowUpUpdate,
    FeedbackSurvey,
    SurveyResponse,
    SurveyAnswer,
    ImprovementItem,
)


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts.update(
        {f"{model.__name__} history": model.history.count() for model in MODELS if hasattr(model, "history")}
    )
    return counts


def test_demo_has_an_earlier_finished_round_and_loading_again_adds_nothing():
    earlier = Round.objects.get(year=EARLIER_YEAR)
    assert earlier.is_demo and earlier.phase == Phase.FEEDBACK
    assert Round.objects.get(year=DEMO_YEAR).phase == Phase.FOLLOW_UP

    documents = CooperationDocument.objects.filter(round=earlier)
    assert documents.count() == len(EARLIER)
    assert all(d.is_demo for d in documents)
    conclusions = Conclusion.objects.filter(round=earlier)
    assert conclusions.count() == sum(len(spec["conclusions"]) for spec in EARLIER.values())
    assert all(c.is_demo for c in conclusions)

    statuses = list(
        ConclusionFollowUp.objects.filter(conclusion__round=earlier).values_list("status", flat=True)
    )
    finished = [s for s in statuses if s in ("done", "dropped")]
    assert len(finished) > len(statuses) / 2 and "dropped" in statuses
    assert FollowUpUpdate.objects.filter(followup__conclusion__round=earlier).exists()
    assert not FollowUpUpdate.objects.filter(followup__conclusion__round=earlier, is_demo=False).exists()

    survey = FeedbackSurvey.objects.get(round=earlier)
    assert survey.is_demo and not survey.is_open
    assert survey.responses.count() == len(EARLIER_ANSWERS)
    assert ImprovementItem.objects.filter(source_round=earlier, is_demo=True).exists()

    before = _counts()
    _seed()
    assert _counts() == before


def test_report_and_survey_comparison_show_both_rounds(client):
    report = aune_report()
    assert [r.year for r in report.rounds] == [EARLIER_YEAR, DEMO_YEAR]
    assert [t.key for t in report.by_round] == [str(EARLIER_YEAR), str(DEMO_YEAR)]
    means = report.survey_means
    assert means[EARLIER_YEAR] is not None and means[DEMO_YEAR] is not None
    assert means[EARLIER_YEAR] != means[DEMO_YEAR]

    surveys, comparison = survey_comparison()
    assert [s.round.year for s in surveys] == [EARLIER_YEAR, DEMO_YEAR]
    time = next(row for row in comparison if row["code"] == "time")
    assert set(time["means"]) == {EARLIER_YEAR, DEMO_YEAR}
    assert time["means"][EARLIER_YEAR] != time["means"][DEMO_YEAR]

    client.force_login(demo_user("aune"))
    page = client.get("/seuranta/raportti/")
    assert page.status_code == 200
    html = page.content.decode()
    trend = html[html.index('id="h-trend"') : html.index('id="h-region"')]
    rows = re.findall(
        r'<tr data-key="(\d{4})"><th scope="row">([^<]+)</th><td class="num" data-total>(\d+)</td>', trend
    )
    assert [(key, name) for key, name, _total in rows] == [
        (str(EARLIER_YEAR), f"ALKE {EARLIER_YEAR}"),
        (str(DEMO_YEAR), f"ALKE {DEMO_YEAR}"),
    ]
    assert int(rows[0][2]) == Conclusion.objects.filter(round__year=EARLIER_YEAR).count()

    listing = client.get("/seuranta/palaute/")
    assert listing.status_code == 200
    assert (
        f"ALKE {EARLIER_YEAR}" in listing.content.decode() and f"ALKE {DEMO_YEAR}" in listing.content.decode()
    )
