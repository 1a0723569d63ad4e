"""Follow-up records and updates: one update, or a batch validated whole before anything is written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.agreements.models import Conclusion
from alke.core.domain import DomainError
from alke.core.permissions import Role, can, require
from alke.followup.models import (
    ConclusionFollowUp,
    FollowUpUpdate,
    RuleBroken,
    Status,
    check_change,
)
from alke.followup.selectors import is_tracked, tracked_conclusions
from alke.regions.models import Organisation


class FollowUpError(DomainError):
    """Bad input or a forbidden change of follow-up, surveys or improvements."""


@dataclass
class RowError:
    row: int | str
    message: str

    def __str__(self) -> str:
        return _("Rivi %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class BatchRejected(FollowUpError):
    """A batch of updates was refused whole; `errors` names every bad row and why."""

    default_code = "batch_rejected"

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(
            _("Mitään ei tallennettu: %(count)d rivissä on virhe.") % {"count": len(errors)}
            + " "
            + "; ".join(str(e) for e in errors[:20])
        )

    def page_messages(self) -> list[str]:
        # The page lists the rows with their reasons next to the table.
        return [_("Mitään ei tallennettu. Korjaa rivit ja yritä uudelleen.")]


@dataclass
class UpdateInput:
    """One requested update, from a form, a table row or a file row."""

    conclusion_id: int
    status: str
    progress: int | None = None
    note: str = ""
    evidence_url: str = ""
    on: date | None = None
    row: int | str = ""


def followup_of(conclusion: Conclusion) -> ConclusionFollowUp:
    """The conclusion's follow-up record, created (not started, 0 %) the first time it is needed."""
    followup, _created = ConclusionFollowUp.objects.get_or_create(
        conclusion=conclusion, defaults={"is_demo": conclusion.is_demo}
    )
    return followup


def ensure_followups(conclusions: Iterable[Conclusion]) -> int:
    """Create the missing follow-up records of these conclusions; returns how many were created."""
    conclusions = list(conclusions)
    have = set(
        ConclusionFollowUp.objects.filter(conclusion__in=conclusions).values_list("conclusion_id", flat=True)
    )
    missing = [
        ConclusionFollowUp(conclusion_id=c.pk, is_demo=c.is_demo) for c in conclusions if c.pk not in have
    ]
    ConclusionFollowUp.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def _organisation_for(user, followup: ConclusionFollowUp) -> Organisation | None:
    """The organisation on whose behalf the user reports: the first membership that grants the update."""
    from alke.core.permissions import memberships

    for membership in memberships(user):
        org = membership.organisation
        if membership.role == Role.COORDINATOR:
            return org
        if membership.role == Role.REGION and org.region_id == followup.conclusion.region_id:
            return org
        if membership.role == Role.MINISTRY and org.ministry_id in followup.permission_ministries():
            return org
        if membership.role == Role.CONTACT and org.pk in followup.permission_organisations():
            return org
    return None


def _validate_url(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise RuleBroken(_("Linkki ”%(url)s” ei ole http- tai https-osoite.") % {"url": value[:80]}) from None
    if len(value) > 500:
        raise RuleBroken(_("Linkki on liian pitkä (enintään 500 merkkiä)."))
    return value


def _resolve_progress(followup: ConclusionFollowUp, status: str, progress: int | None) -> int:
    """An empty progress follows from the status: done 100 %, not started 0 %, otherwise unchanged."""
    if progress is not None:
        return progress
    if status == Status.DONE:
        return 100
    if status == Status.NOT_STARTED:
        return 0
    if followup.progress == 100:
        raise RuleBroken(_("Anna edistyminen prosentteina: johtopäätös oli toteutunut (100 %)."))
    return followup.progress


def _prepare(
    user, inp: UpdateInput, followup: ConclusionFollowUp, today: date, tracked: bool | None = None
) -> tuple[int, str, date]:
    """Check one update against the permission table, the tracking rule and the progress rules."""
    if not can(user, "followup.update", followup):
        raise RuleBroken(_("Sinulla ei ole oikeutta päivittää tätä johtopäätöstä."))
    if not (is_tracked(followup.conclusion) if tracked is None else tracked):
        raise RuleBroken(
            _("Johtopäätöksen yhteistyöasiakirjaa ei ole vielä hyväksytty; seuranta alkaa hyväksynnästä.")
        )
    on = inp.on or today
    progress = _resolve_progress(followup, inp.status, inp.progress)
    check_change(
        old_status=followup.status,
        old_progress=followup.progress,
        status=inp.status,
        progress=progress,
        note=inp.note,
        on=on,
        today=today,
    )
    if len(inp.note or "") > 4000:
        raise RuleBroken(_("Huomio on liian pitkä (enintään 4000 merkkiä)."))
    return progress, _validate_url(inp.evidence_url), on


def _write(
    user,
    followup: ConclusionFollowUp,
    inp: UpdateInput,
    progress: int,
    url: str,
    on: date,
    source: str,
    is_demo: bool,
) -> FollowUpUpdate:
    update = FollowUpUpdate(
        followup=followup,
        on=on,
        status=inp.status,
        progress=progress,
        previous_status=followup.status,
        previous_progress=followup.progress,
        note=(inp.note or "").strip(),
        evidence_url=url,
        author=user if getattr(user, "is_authenticated", False) else None,
        organisation=_organisation_for(user, followup),
        source=source,
        is_demo=is_demo,
    )
    update.stamp(user)
    update.save()
    if inp.status == Status.DONE and followup.status != Status.DONE:
        followup.completed_on = on
    elif inp.status != Status.DONE:
        followup.completed_on = None
    if inp.status == Status.DROPPED:
        if followup.status != Status.DROPPED or update.note:
            followup.drop_reason = update.note or followup.drop_reason
    else:
        followup.drop_reason = ""
    followup.status = inp.status
    followup.progress = progress
    if followup.last_update_on is None or on >= followup.last_update_on:
        followup.last_update_on = on
    followup.stamp(user)
    followup.save()
    return update


@transaction.atomic
def record_update(
    user,
    conclusion: Conclusion,
    *,
    status: str,
    progress: int | None = None,
    note: str = "",
    evidence_url: str = "",
    on: date | None = None,
    source: str = "page",
    is_demo: bool = False,
    today: date | None = None,
) -> FollowUpUpdate:
    """Report on one conclusion: the new status and progress, what was done and the evidence."""
    followup = ConclusionFollowUp.objects.select_for_update().get(pk=followup_of(conclusion).pk)
    require(user, "followup.update", followup)
    today = today or timezone.localdate()
    inp = UpdateInput(conclusion.pk, status, progress, note, evidence_url, on)
    try:
        progress_value, url, day = _prepare(user, inp, followup, today)
    except RuleBroken as error:
        raise FollowUpError(str(error), code="followup_rule") from None
    return _write(user, followup, inp, progress_value, url, day, source, is_demo)


@transaction.atomic
def record_updates(
    user, rows: list[UpdateInput], source: str = "table", today: date | None = None
) -> list[FollowUpUpdate]:
    """Apply many updates at once, all or nothing: every row is checked first, then all are written.

    Raises BatchRejected naming each bad row when any row breaks a rule (nothing is written then).
    A conclusion may appear only once in a batch.
    """
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("followup.update")
    today = today or timezone.localdate()
    ids = [r.conclusion_id for r in rows]
    conclusions = {c.pk: c for c in Conclusion.objects.filter(pk__in=ids).select_related("region", "round")}
    ensure_followups(conclusions.values())
    followups = {
        f.conclusion_id: f
        for f in ConclusionFollowUp.objects.select_for_update()
        .filter(conclusion_id__in=conclusions)
        .select_related("conclusion", "conclusion__region", "conclusion__round")
    }
    tracked = set(tracked_conclusions().filter(pk__in=list(conclusions)).values_list("pk", flat=True))
    errors: list[RowError] = []
    prepared = []
    seen: dict[int, int | str] = {}
    for inp in rows:
        followup = followups.get(inp.conclusion_id)
        if followup is None:
            errors.append(RowError(inp.row, _("johtopäätöstä %(id)s ei ole.") % {"id": inp.conclusion_id}))
            continue
        if inp.conclusion_id in seen:
            errors.append(
                RowError(
                    inp.row,
                    _("johtopäätös %(id)s on jo rivillä %(other)s; yksi päivitys kerrallaan.")
                    % {"id": inp.conclusion_id, "other": seen[inp.conclusion_id]},
                )
            )
            continue
        seen[inp.conclusion_id] = inp.row
        try:
            prepared.append(
                (followup, inp, *_prepare(user, inp, followup, today, inp.conclusion_id in tracked))
            )
        except RuleBroken as error:
            errors.append(RowError(inp.row, str(error)))
    if errors:
        raise BatchRejected(errors)
    return [
        _write(user, followup, inp, progress, url, on, source, False)
        for followup, inp, progress, url, on in prepared
    ]


@transaction.atomic
def set_details(
    user, conclusion: Conclusion, *, responsible_organisation=None, theme=None
) -> ConclusionFollowUp:
    """Name the organisation that reports on the conclusion and the theme it is counted under."""
    followup = followup_of(conclusion)
    require(user, "followup.update", followup)
    followup.responsible_organisation = responsible_organisation
    followup.theme = theme
    followup.stamp(user)
    followup.save()
    return followup
