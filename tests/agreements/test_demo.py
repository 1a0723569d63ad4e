"""The demo round's conclusions link indicators that have data, and loading the demo twice changes nothing."""

from __future__ import annotations

import pytest

from alke.agreements.demo import DEMO, DEMO_YEAR, load_conclusions, load_documents
from alke.agreements.models import ConclusionIndicator, DocumentVersion
from alke.followup.selectors import indicator_progress
from alke.funding.demo import load_demo as load_funding

pytestmark = [pytest.mark.django_db, pytest.mark.demo_data]


def _quiet(_line: str) -> None:
    pass


def load_demo(say) -> None:
    """The three loaders in the order `alke seed-demo` runs them: conclusions, funding, documents."""
    load_conclusions(say)
    load_funding(say)
    load_documents(say)


def test_demo_indicators_have_baseline_latest_and_target():
    links = list(ConclusionIndicator.objects.select_related("conclusion__region", "conclusion__round"))
    assert len(links) == sum(len(spec["indicators"]) for spec in DEMO.values())
    assert {link.indicator_code for link in links} <= {
        "unemployment-rate",
        "population-change-5y",
        "vacancies-per-unemployed",
    }
    for link in links:
        assert link.conclusion.round.year == DEMO_YEAR
        assert link.baseline_value is not None and link.baseline_year <= DEMO_YEAR
        assert link.target_value is not None and link.target_year == DEMO_YEAR + 3
        if link.indicator_code == "unemployment-rate":
            assert link.target_value < link.baseline_value  # lower unemployment is the aim
        progress = next(p for p in indicator_progress(link.conclusion) if p.code == link.indicator_code)
        assert progress.latest_value is not None and progress.latest_year is not None
    # The published documents carry the links with their baseline and target.
    versions = DocumentVersion.objects.filter(document__round__year=DEMO_YEAR)
    linked = [i for v in versions for c in v.content["conclusions"] for i in c["indicators"]]
    assert linked and all(i["baseline_value"] and i["target_value"] for i in linked)

    # Loading the demo again changes nothing.
    counts = (ConclusionIndicator.objects.count(), DocumentVersion.objects.count())
    history = ConclusionIndicator.history.count()
    load_demo(_quiet)
    assert (ConclusionIndicator.objects.count(), DocumentVersion.objects.count()) == counts
    assert ConclusionIndicator.history.count() == history
