"""The AUNE report: conclusions by round, region, theme and ministry, AKKE funding and process metrics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median

from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.followup.models import (
    FeedbackSurvey,
)
from alke.followup.selectors.rows import ZERO, FollowUpRow, Tally, followup_rows, tally, total
from alke.followup.selectors.survey import survey_mean
from alke.followup.selectors.tracked import tracked_conclusions
from alke.rounds.models import Round


@dataclass
class FundingRow:
    round_year: int
    region_code: str
    region_name: str
    allocated: Decimal
    entities: Decimal
    committed: Decimal
    paid: Decimal

    @property
    def committed_share(self) -> float | None:
        return round(float(100 * self.committed / self.allocated), 1) if self.allocated else None

    @property
    def paid_share(self) -> float | None:
        return round(float(100 * self.paid / self.allocated), 1) if self.allocated else None


def funding_rows(rounds: list[Round], region_codes: Iterable[str] | None = None) -> list[FundingRow]:
    """Each round's and region's AKKE allocation against what was committed (net of releases) and paid."""
    from alke.funding.selectors import appropriation_for, funding_summary
    from alke.regions.models import Region

    region_ids = None
    if region_codes:
        region_ids = set(
            Region.objects.filter(code__in=[c.upper() for c in region_codes]).values_list("pk", flat=True)
        )
    out = []
    for round_ in rounds:
        appropriation = appropriation_for(round_.pk)
        if appropriation is None:
            continue
        for r in funding_summary(appropriation, region_ids).regions:
            out.append(
                FundingRow(
                    round_.year,
                    r.allocation.region.code,
                    r.allocation.region.name,
                    r.allocation.amount,
                    r.entities_total,
                    r.committed,
                    r.paid,
                )
            )
    return out


@dataclass
class ProcessRow:
    round_year: int
    region_code: str
    region_name: str
    kick_off: date | None
    approved_on: date | None
    proposals: int
    proposals_taken: int
    due: int
    on_time: int

    @property
    def days_to_approval(self) -> int | None:
        if self.kick_off is None or self.approved_on is None:
            return None
        return (self.approved_on - self.kick_off).days

    @property
    def taken_share(self) -> float | None:
        return round(100 * self.proposals_taken / self.proposals, 1) if self.proposals else None

    @property
    def on_time_share(self) -> float | None:
        return round(100 * self.on_time / self.due, 1) if self.due else None


@dataclass
class ProcessSummary:
    round_year: int
    round_name: str
    regions: list[ProcessRow]

    @property
    def median_days(self) -> float | None:
        days = [r.days_to_approval for r in self.regions if r.days_to_approval is not None]
        return median(days) if days else None

    @property
    def taken_share(self) -> float | None:
        n = sum(r.proposals for r in self.regions)
        return round(100 * sum(r.proposals_taken for r in self.regions) / n, 1) if n else None

    @property
    def on_time_share(self) -> float | None:
        n = sum(r.due for r in self.regions)
        return round(100 * sum(r.on_time for r in self.regions) / n, 1) if n else None


def process_metrics(
    round_: Round, rows: list[FollowUpRow], region_codes: Iterable[str] | None = None
) -> ProcessSummary:
    """Days from the round's kick-off to each region's approved document, the share of submitted proposals
    taken on the agenda (accepted, or merged into one that was), and the share of due conclusions done in time.
    """
    from alke.agenda.models import Proposal
    from alke.agreements.models import DocumentApproval
    from alke.regions.models import Region

    kick_off = round_.phases.filter(phase="kick_off").values_list("starts_on", flat=True).first()
    regions = Region.objects.mainland()
    if region_codes:
        regions = regions.filter(code__in=[c.upper() for c in region_codes])
    approved: dict[int, date] = {}
    for region_id, last in (
        DocumentApproval.objects.filter(
            version__document__round=round_,
            version__document__kind="region",
            version__document__status="final",
            version__document__final_version_id=F("version_id"),
        )
        .values_list("version__document__region_id")
        .annotate(last=Max("approved_at"))
        .order_by()
    ):
        approved[region_id] = timezone.localtime(last).date()
    proposals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for region_id, status in (
        Proposal.objects.filter(round=round_).exclude(status="draft").values_list("region_id", "status")
    ):
        proposals[region_id][0] += 1
        proposals[region_id][1] += int(status in ("accepted", "merged"))
    by_region: dict[int, list[FollowUpRow]] = defaultdict(list)
    for row in rows:
        if row.conclusion.round_id == round_.pk:
            by_region[row.conclusion.region_id].append(row)
    out = []
    for region in regions:
        mine = by_region.get(region.pk, [])
        if not mine and region.pk not in approved and region.pk not in proposals:
            continue
        out.append(
            ProcessRow(
                round_.year,
                region.code,
                region.name,
                kick_off,
                approved.get(region.pk),
                proposals[region.pk][0] if region.pk in proposals else 0,
                proposals[region.pk][1] if region.pk in proposals else 0,
                sum(r.due for r in mine),
                sum(r.on_time for r in mine),
            )
        )
    return ProcessSummary(round_.year, round_.name, out)


@dataclass
class Report:
    rounds: list[Round]
    region_codes: list[str]
    today: date
    rows: list[FollowUpRow]
    total: Tally
    by_region: list[Tally]
    by_theme: list[Tally]
    by_ministry: list[Tally]
    by_round: list[Tally]
    overdue: list[FollowUpRow]
    funding: list[FundingRow]
    process: list[ProcessSummary]
    survey_means: dict[int, float | None]

    @property
    def funding_totals(self) -> dict[str, Decimal]:
        return {
            "allocated": sum((f.allocated for f in self.funding), ZERO),
            "entities": sum((f.entities for f in self.funding), ZERO),
            "committed": sum((f.committed for f in self.funding), ZERO),
            "paid": sum((f.paid for f in self.funding), ZERO),
        }

    def as_dict(self) -> dict:
        """The report's numbers as plain data (the API's answer, and what the tests compare)."""
        money = self.funding_totals
        return {
            "rounds": [r.year for r in self.rounds],
            "regions": self.region_codes,
            "date": self.today.isoformat(),
            "total": self.total.as_dict(),
            "by_round": [t.as_dict() for t in self.by_round],
            "by_region": [t.as_dict() for t in self.by_region],
            "by_theme": [t.as_dict() for t in self.by_theme],
            "by_ministry": [t.as_dict() for t in self.by_ministry],
            "overdue": [
                {
                    "id": r.id,
                    "round_year": r.round.year,
                    "region": r.region.code,
                    "deadline": r.deadline.isoformat(),
                    "days_overdue": r.days_overdue,
                    "status": r.status,
                    "progress": r.progress,
                }
                for r in self.overdue
            ],
            "funding": {
                "totals": {k: str(v) for k, v in money.items()},
                "rows": [
                    {
                        "round_year": f.round_year,
                        "region": f.region_code,
                        "allocated": str(f.allocated),
                        "committed": str(f.committed),
                        "paid": str(f.paid),
                    }
                    for f in self.funding
                ],
            },
            "process": [
                {
                    "round_year": p.round_year,
                    "median_days_to_approval": p.median_days,
                    "proposals_taken_share": p.taken_share,
                    "done_on_time_share": p.on_time_share,
                    "regions": [
                        {
                            "region": r.region_code,
                            "days_to_approval": r.days_to_approval,
                            "proposals": r.proposals,
                            "proposals_taken": r.proposals_taken,
                            "proposals_taken_share": r.taken_share,
                            "due": r.due,
                            "on_time": r.on_time,
                            "done_on_time_share": r.on_time_share,
                        }
                        for r in p.regions
                    ],
                }
                for p in self.process
            ],
            "survey_means": {str(k): v for k, v in self.survey_means.items()},
        }


NO_THEME = "-"


def report_rounds(years: Iterable[int] | None = None) -> list[Round]:
    """The rounds a report covers: those asked for, else every round with an agreed conclusion."""
    qs = Round.objects.all()
    if years:
        qs = qs.filter(year__in=list(years))
    else:
        qs = qs.filter(pk__in=tracked_conclusions().values("round_id"))
    return list(qs.order_by("year"))


def aune_report(
    years: Iterable[int] | None = None, region_codes: Iterable[str] | None = None, today: date | None = None
) -> Report:
    """The AUNE report across regions and rounds, from the rows every other view reads."""
    today = today or timezone.localdate()
    rounds = report_rounds(years)
    codes = sorted({c.upper() for c in region_codes or []})
    rows = (
        followup_rows(years=[r.year for r in rounds], region_codes=codes or None, today=today)
        if rounds
        else []
    )
    by_region = sorted(tally(rows, lambda r: [(r.region.code, r.region.name)]), key=lambda t: t.key)
    by_theme = sorted(
        tally(rows, lambda r: [(r.theme or NO_THEME, r.theme or _("ei teemaa"))]),
        key=lambda t: (t.key == NO_THEME, t.label),
    )
    by_ministry = sorted(
        tally(
            rows,
            lambda r: [(abbr, name) for abbr, name in r.ministries] or [(NO_THEME, _("ei ministeriötä"))],
        ),
        key=lambda t: (t.key == NO_THEME, t.key),
    )
    by_round = sorted(tally(rows, lambda r: [(str(r.round.year), r.round.name)]), key=lambda t: t.key)
    overdue = sorted((r for r in rows if r.overdue), key=lambda r: (-r.days_overdue, r.region.code, r.id))
    surveys = {s.round_id: s for s in FeedbackSurvey.objects.filter(round__in=rounds)}
    return Report(
        rounds=rounds,
        region_codes=codes,
        today=today,
        rows=rows,
        total=total(rows),
        by_region=by_region,
        by_theme=by_theme,
        by_ministry=by_ministry,
        by_round=by_round,
        overdue=overdue,
        funding=funding_rows(rounds, codes or None),
        process=[process_metrics(r, rows, codes or None) for r in rounds],
        survey_means={r.year: survey_mean(surveys[r.pk]) if r.pk in surveys else None for r in rounds},
    )
