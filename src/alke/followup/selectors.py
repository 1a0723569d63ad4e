"""Reads of follow-up: the one query layer behind every view of the numbers.

The follow-up pages, the public page, the AUNE report, its PDF and XLSX exports and the API all read
`followup_rows` and `aune_report` below, so the same question gets the same number everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import mean, median

from django.db.models import F, Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.agreements.models import Conclusion, CooperationDocument
from alke.agreements.published import PublishedConclusion, published_conclusion_ids
from alke.agreements.published import published_conclusions as published_versions_conclusions
from alke.followup.models import (
    OPEN_STATUSES,
    ConclusionFollowUp,
    FeedbackSurvey,
    FollowUpUpdate,
    Status,
    SurveyAnswer,
    SurveyQuestion,
)
from alke.rounds.models import Round

ZERO = Decimal("0.00")
STATUS_CODES = tuple(Status.values)  # read once: the enum's `values` is rebuilt on every access


# ---------------------------------------------------------------------------------------------------
# Which conclusions are followed up


def _covered() -> Q:
    """Conclusions whose (round, region) a final cooperation document covers.

    Built from the documents (a few per round) rather than a correlated subquery per conclusion, which
    SQLite runs slowly once there are hundreds of conclusions.
    """
    docs = CooperationDocument.objects.filter(status="final")
    covered: dict[int, set[int]] = defaultdict(set)
    for round_id, region_id, other_id in docs.values_list("round_id", "region_id", "other_regions__id"):
        covered[round_id].add(region_id)
        if other_id is not None:
            covered[round_id].add(other_id)
    condition = Q(pk__in=[])
    for round_id, region_ids in covered.items():
        condition |= Q(round_id=round_id, region_id__in=sorted(region_ids))
    return condition


def tracked_conclusions() -> QuerySet[Conclusion]:
    """Conclusions that were agreed: a cooperation document covering them is approved by both parties."""
    return Conclusion.objects.filter(_covered())


def published_conclusions() -> QuerySet[Conclusion]:
    """Conclusions that a published version records: the ones whose follow-up is public.

    Their public wording is the published version's (see `followup_rows(published_only=True)`), not the
    row's current text, which may be a reopened document's draft.
    """
    return Conclusion.objects.filter(pk__in=sorted(published_conclusion_ids()))


def is_tracked(conclusion: Conclusion) -> bool:
    return tracked_conclusions().filter(pk=conclusion.pk).exists()


def is_published(conclusion: Conclusion) -> bool:
    return conclusion.pk in published_conclusion_ids()


def scope_for(user) -> Q | None:
    """The conclusions the user may update (followup.update); None means all of them."""
    from alke.core.permissions import Role, memberships

    if getattr(user, "is_superuser", False):
        return None
    scope = Q(pk__in=[])
    for m in memberships(user):
        org = m.organisation
        if m.role == Role.COORDINATOR:
            return None
        if m.role == Role.REGION and org.region_id:
            scope |= Q(region_id=org.region_id)
        elif m.role == Role.MINISTRY and org.ministry_id:
            scope |= Q(ministries__id=org.ministry_id)
        elif m.role == Role.CONTACT:
            scope |= Q(organisations__id=org.pk) | Q(followup__responsible_organisation_id=org.pk)
    return scope


def updatable_conclusions(user, round_: Round | None = None) -> QuerySet[Conclusion]:
    """Agreed conclusions the user may report on, for the editable table and the import template."""
    qs = tracked_conclusions()
    scope = scope_for(user)
    if scope is not None:
        qs = qs.filter(pk__in=Conclusion.objects.filter(scope).values("pk"))
    if round_ is not None:
        qs = qs.filter(round=round_)
    return (
        qs.select_related("round", "region", "followup", "followup__responsible_organisation")
        .prefetch_related("ministries")
        .order_by("-round__year", "region__code", "order", "pk")
    )


# ---------------------------------------------------------------------------------------------------
# The rows every report is made of


@dataclass
class FollowUpRow:
    conclusion: Conclusion
    followup: ConclusionFollowUp | None
    theme: str
    ministries: list[tuple[str, str]]
    today: date

    @property
    def id(self) -> int:
        return self.conclusion.pk

    @property
    def status(self) -> str:
        return self.followup.status if self.followup else Status.NOT_STARTED

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def progress(self) -> int:
        return self.followup.progress if self.followup else 0

    @property
    def deadline(self) -> date | None:
        return self.conclusion.deadline

    @property
    def completed_on(self) -> date | None:
        return self.followup.completed_on if self.followup else None

    @property
    def last_update_on(self) -> date | None:
        return self.followup.last_update_on if self.followup else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def overdue(self) -> bool:
        """Still open after its deadline."""
        return self.is_open and self.deadline is not None and self.deadline < self.today

    @property
    def days_overdue(self) -> int:
        return (self.today - self.deadline).days if self.overdue else 0

    @property
    def due(self) -> bool:
        """Counts in the on-time share: done, or its deadline has passed (dropped ones are left out)."""
        if self.deadline is None or self.status == Status.DROPPED:
            return False
        return self.status == Status.DONE or self.deadline < self.today

    @property
    def on_time(self) -> bool:
        return (
            self.status == Status.DONE
            and self.deadline is not None
            and self.completed_on is not None
            and self.completed_on <= self.deadline
        )

    @property
    def region(self):
        return self.conclusion.region

    @property
    def round(self):
        return self.conclusion.round

    @property
    def responsible(self) -> str:
        if self.followup and self.followup.responsible_organisation_id:
            return self.followup.responsible_organisation.name
        return ""


def followup_rows(
    *,
    years: Iterable[int] | None = None,
    region_codes: Iterable[str] | None = None,
    status: str | None = None,
    ministry: str | None = None,
    published_only: bool = False,
    base: QuerySet[Conclusion] | None = None,
    today: date | None = None,
) -> list[FollowUpRow]:
    """The agreed (or, with published_only, published) conclusions with their follow-up, filtered.

    With published_only each conclusion reads as its published version records it (see
    `_published_rows`); the follow-up status and progress are the live ones.
    """
    today = today or timezone.localdate()
    if published_only and base is None:
        return _published_rows(years, region_codes, status, ministry, today)
    qs = base if base is not None else tracked_conclusions()
    if years:
        qs = qs.filter(round__year__in=list(years))
    if region_codes:
        qs = qs.filter(region__code__in=[c.upper() for c in region_codes])
    if ministry:
        # A subquery, not a join through the to-many relation: no duplicate rows, so no DISTINCT.
        responsible = Conclusion.ministries.through.objects.filter(ministry__abbreviation=ministry.upper())
        qs = qs.filter(pk__in=responsible.values("conclusion_id"))
    if status:
        if status == Status.NOT_STARTED:
            qs = qs.filter(Q(followup__isnull=True) | Q(followup__status=status))
        else:
            qs = qs.filter(followup__status=status)
    qs = (
        qs.select_related(*_ROW_RELATED)
        .prefetch_related("ministries")
        .order_by("-round__year", "region__code", "order", "pk")
    )
    if base is not None:
        qs = qs.distinct()  # a caller's base may join a to-many relation
    rows = []
    for c in qs:
        followup = getattr(c, "followup", None) if _has_followup(c) else None
        theme = _theme(c, followup)
        ministries = [(m.abbreviation, m.name) for m in c.ministries.all()]
        rows.append(FollowUpRow(c, followup, theme, ministries, today))
    return rows


def _published_rows(
    years: Iterable[int] | None,
    region_codes: Iterable[str] | None,
    status: str | None,
    ministry: str | None,
    today: date,
) -> list[FollowUpRow]:
    """The rows of the published conclusions, worded as the published versions record them.

    The conclusion rows are read for their follow-up and theme only; their text, responsibilities and
    deadline are replaced (in memory, never saved) by the published version's, so a reopened document's
    draft does not show. A conclusion deleted from such a draft still appears, as published.
    """
    from alke.regions.models import Ministry, Region

    published = published_versions_conclusions(
        years=list(years) if years else None, region_codes=list(region_codes) if region_codes else None
    )
    if ministry:
        published = [p for p in published if ministry.upper() in p.ministries]
    if not published:
        return []
    stored = (
        Conclusion.objects.filter(pk__in=[p.id for p in published])
        .defer("text_fi", "text_sv", "other_parties")  # replaced by the published wording below
        .order_by()
        .select_related(*_ROW_RELATED)
        .in_bulk()
    )
    ministry_names = {
        m.abbreviation: m.name
        for m in Ministry.objects.filter(abbreviation__in={a for p in published for a in p.ministries}).only(
            "abbreviation", "name_fi", "name_sv", "name_en"
        )
    }
    # Only a conclusion deleted from a reopened draft needs its region read here.
    missing = {p.region_code for p in published if p.id not in stored}
    regions = {r.code: r for r in Region.objects.filter(code__in=missing)} if missing else {}
    rows = []
    for p in published:
        c = stored.get(p.id)
        if c is None:
            c = Conclusion(pk=p.id, round=p.round, region=regions[p.region_code], is_demo=p.document.is_demo)
        _as_published(c, p)
        followup = c.followup if c.pk in stored and _has_followup(c) else None
        theme = _theme(c, followup)
        ministries = [(abbr, ministry_names.get(abbr, abbr)) for abbr in p.ministries]
        row = FollowUpRow(c, followup, theme, ministries, today)
        if status is None or row.status == status:
            rows.append(row)
    return rows


def _as_published(conclusion: Conclusion, published: PublishedConclusion) -> None:
    """Give an unsaved view of `conclusion` the published version's wording and responsibilities."""
    conclusion.text_fi = published.text_fi
    conclusion.text_sv = published.text_sv
    conclusion.region_responsible = published.region_responsible
    conclusion.other_parties = published.other_parties
    conclusion.deadline = published.deadline
    conclusion.needs_budget_decision = published.needs_budget_decision


# What a follow-up row reads besides the conclusion itself.
_ROW_RELATED = (
    "round",
    "region",
    "agenda_item__theme",
    "followup",
    "followup__theme",
    "followup__responsible_organisation",
)


def _theme(conclusion: Conclusion, followup: ConclusionFollowUp | None) -> str:
    """The theme the follow-up gives, else the agenda item's, else none."""
    if followup and followup.theme_id:
        return followup.theme.name
    if conclusion.agenda_item_id and conclusion.agenda_item.theme_id:
        return conclusion.agenda_item.theme.name
    return ""


def _has_followup(conclusion: Conclusion) -> bool:
    try:
        return conclusion.followup is not None
    except ConclusionFollowUp.DoesNotExist:
        return False


# ---------------------------------------------------------------------------------------------------
# Tallies


@dataclass
class Tally:
    key: str
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUS_CODES, 0))
    overdue: int = 0
    due: int = 0
    on_time: int = 0
    progress_sum: int = 0

    def add(self, row: FollowUpRow) -> None:
        self.counts[row.status] += 1
        self.overdue += int(row.overdue)
        self.due += int(row.due)
        self.on_time += int(row.on_time)
        self.progress_sum += row.progress

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def not_started(self) -> int:
        return self.counts[Status.NOT_STARTED]

    @property
    def in_progress(self) -> int:
        return self.counts[Status.IN_PROGRESS]

    @property
    def done(self) -> int:
        return self.counts[Status.DONE]

    @property
    def dropped(self) -> int:
        return self.counts[Status.DROPPED]

    @property
    def done_share(self) -> float | None:
        """Share of conclusions done, in per cent (one decimal)."""
        return round(100 * self.done / self.total, 1) if self.total else None

    @property
    def on_time_share(self) -> float | None:
        """Share of the due conclusions done by their deadline, in per cent."""
        return round(100 * self.on_time / self.due, 1) if self.due else None

    @property
    def mean_progress(self) -> float | None:
        return round(self.progress_sum / self.total, 1) if self.total else None

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "total": self.total,
            **{code: self.counts[code] for code in STATUS_CODES},
            "overdue": self.overdue,
            "done_share": self.done_share,
            "on_time_share": self.on_time_share,
            "mean_progress": self.mean_progress,
        }


def tally(
    rows: Iterable[FollowUpRow], keys: Callable[[FollowUpRow], Iterable[tuple[str, str]]]
) -> list[Tally]:
    """Count rows by status under each (key, label) a row belongs to (a row may belong to several)."""
    tallies: dict[str, Tally] = {}
    for row in rows:
        for key, label in keys(row):
            tallies.setdefault(key, Tally(key, label)).add(row)
    return list(tallies.values())


def total(rows: Iterable[FollowUpRow]) -> Tally:
    t = Tally("total", _("yhteensä"))
    for row in rows:
        t.add(row)
    return t


# ---------------------------------------------------------------------------------------------------
# Funding and process metrics


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
    from alke.agreements.selectors import appropriation_for, funding_summary
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


# ---------------------------------------------------------------------------------------------------
# Feedback


@dataclass
class QuestionResult:
    question: SurveyQuestion
    ratings: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.ratings) if self.question.kind == SurveyQuestion.Kind.RATING else len(self.texts)

    @property
    def mean(self) -> float | None:
        return round(mean(self.ratings), 2) if self.ratings else None

    @property
    def distribution(self) -> list[int]:
        return [self.ratings.count(v) for v in range(1, 6)]


def survey_results(survey: FeedbackSurvey, region_id: int | None = None) -> list[QuestionResult]:
    """Each question with its ratings or texts; texts in a stable but not answering order."""
    results = {q.pk: QuestionResult(q) for q in survey.questions.all()}
    answers = SurveyAnswer.objects.filter(response__survey=survey)
    if region_id:
        answers = answers.filter(response__region_id=region_id)
    for question_id, rating, text in answers.order_by("question_id", "text", "pk").values_list(
        "question_id", "rating", "text"
    ):
        result = results[question_id]
        if rating is not None:
            result.ratings.append(rating)
        if text:
            result.texts.append(text)
    return list(results.values())


def survey_comparison() -> tuple[list[FeedbackSurvey], list[dict]]:
    """Mean rating of each rating question across rounds, matched by question code."""
    surveys = list(FeedbackSurvey.objects.select_related("round").order_by("round__year"))
    table: dict[str, dict] = {}
    for survey in surveys:
        for result in survey_results(survey):
            if result.question.kind != SurveyQuestion.Kind.RATING:
                continue
            row = table.setdefault(
                result.question.code,
                {"code": result.question.code, "label": result.question.text, "means": {}, "n": {}},
            )
            row["means"][survey.round.year] = result.mean
            row["n"][survey.round.year] = result.n
    return surveys, list(table.values())


def survey_mean(survey: FeedbackSurvey) -> float | None:
    ratings = list(
        SurveyAnswer.objects.filter(response__survey=survey, rating__isnull=False).values_list(
            "rating", flat=True
        )
    )
    return round(mean(ratings), 2) if ratings else None


# ---------------------------------------------------------------------------------------------------
# The AUNE report


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


# ---------------------------------------------------------------------------------------------------
# One conclusion


@dataclass
class IndicatorProgress:
    code: str
    name: str
    unit: str
    baseline_year: int | None
    baseline_value: Decimal | None
    target_year: int | None
    target_value: Decimal | None
    latest_year: int | None
    latest_value: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.latest_value is None or self.baseline_value is None:
            return None
        return self.latest_value - self.baseline_value


def indicator_progress(conclusion: Conclusion) -> list[IndicatorProgress]:
    """The indicators the conclusion was meant to move: baseline, target and the latest value available."""
    from alke.situation import selectors as situation

    out = []
    for link in conclusion.indicators.all():
        latest_year = latest_value = None
        if link.indicator_id:
            series = situation.series(link.indicator, conclusion.region.code)
            if series:
                latest_year = series[-1].year
                latest_value = situation.indicator_value(
                    conclusion.region.code, link.indicator_code, latest_year
                )
        out.append(
            IndicatorProgress(
                link.indicator_code,
                link.indicator_name,
                link.unit,
                link.baseline_year,
                link.baseline_value,
                link.target_year,
                link.target_value,
                latest_year,
                latest_value,
            )
        )
    return out


def updates_of(conclusion: Conclusion) -> QuerySet[FollowUpUpdate]:
    return (
        FollowUpUpdate.objects.filter(followup__conclusion=conclusion)
        .select_related("author", "organisation")
        .order_by("-on", "-pk")
    )


def conclusion_detail(pk: int) -> Conclusion:
    return (
        Conclusion.objects.select_related(
            "round",
            "region",
            "agenda_item",
            "followup",
            "followup__responsible_organisation",
            "followup__theme",
        )
        .prefetch_related("ministries", "organisations", Prefetch("indicators"))
        .get(pk=pk)
    )
