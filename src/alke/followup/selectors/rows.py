"""The rows every report is made of, and their tallies."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.agreements.models import Conclusion
from alke.agreements.published import PublishedConclusion
from alke.agreements.published import published_conclusions as published_versions_conclusions
from alke.followup.models import (
    OPEN_STATUSES,
    ConclusionFollowUp,
    Status,
)
from alke.followup.selectors.tracked import tracked_conclusions

ZERO = Decimal("0.00")
STATUS_CODES = tuple(Status.values)  # read once: the enum's `values` is rebuilt on every access


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
