"""Writes of follow-up: updates (one, a table of them, or a file), reminders, carry-over, surveys, improvements.

Every write checks the permission table (`require`) and runs in one transaction; a batch (the editable
table or an imported file) is validated whole before anything is written, so a bad row rejects it all.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.accounts.models import User
from alke.agreements.models import Conclusion
from alke.core.permissions import Role, can, require
from alke.followup.candidates import carried_over_text
from alke.followup.models import (
    OPEN_STATUSES,
    ConclusionFollowUp,
    FeedbackSurvey,
    FollowUpUpdate,
    ImprovementItem,
    RuleBroken,
    Status,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    check_change,
)
from alke.followup.selectors import is_tracked, tracked_conclusions
from alke.regions.models import Organisation, Region
from alke.rounds.models import Round

MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class FollowUpError(Exception):
    """Bad input or a forbidden change; the message names the problem for the user."""


@dataclass
class RowError:
    row: int | str
    message: str

    def __str__(self) -> str:
        return _("Rivi %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class BatchRejected(FollowUpError):
    """A batch of updates was refused whole; `errors` names every bad row and why."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(
            _("Mitään ei tallennettu: %(count)d rivissä on virhe.") % {"count": len(errors)}
            + " "
            + "; ".join(str(e) for e in errors[:20])
        )


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


# ---------------------------------------------------------------------------------------------------
# Follow-up records


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
        raise FollowUpError(str(error)) from None
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


# ---------------------------------------------------------------------------------------------------
# Import of updates from CSV or XLSX

# Column headings accepted (Finnish, Swedish, English, and the codes) -> field
COLUMNS = {
    "johtopäätös": "conclusion_id",
    "johtopäätöksen tunnus": "conclusion_id",
    "slutsats": "conclusion_id",
    "conclusion": "conclusion_id",
    "conclusion_id": "conclusion_id",
    "id": "conclusion_id",
    "tila": "status",
    "status": "status",
    "edistyminen": "progress",
    "edistyminen (%)": "progress",
    "framsteg": "progress",
    "framsteg (%)": "progress",
    "progress": "progress",
    "progress (%)": "progress",
    "huomio": "note",
    "anteckning": "note",
    "note": "note",
    "linkki": "evidence_url",
    "länk": "evidence_url",
    "evidence_url": "evidence_url",
    "link": "evidence_url",
    "päivä": "on",
    "datum": "on",
    "date": "on",
    "on": "on",
}
TEMPLATE_HEADER = ["johtopäätös", "tila", "edistyminen (%)", "huomio", "linkki", "päivä"]


def status_from_text(value: str) -> str | None:
    """A status from its code or its label in any of the three languages."""
    from django.utils import translation

    text = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    if text in Status.values:
        return text
    for lang in ("fi", "sv", "en"):
        with translation.override(lang):
            for code, label in Status.choices:
                if str(label).lower().replace(" ", "_") == text:
                    return code
    return None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _read_rows(filename: str, data: bytes) -> list[list[str]]:
    name = (filename or "").lower()
    if len(data) > MAX_IMPORT_BYTES:
        raise FollowUpError(_("Tiedosto on liian suuri (enintään 5 Mt)."))
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:
            raise FollowUpError(_("Tiedostoa ei voi lukea XLSX-taulukkona.")) from None
        sheet = workbook.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FollowUpError(_("CSV-tiedoston merkistön on oltava UTF-8.")) from None
        sample = text[:2048]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    raise FollowUpError(_("Tuo CSV- tai XLSX-tiedosto."))


def _parse_date(value: str) -> date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RuleBroken(_("päivä ”%(value)s” ei ole muotoa VVVV-KK-PP tai P.K.VVVV.") % {"value": value})


def parse_update_file(filename: str, data: bytes) -> list[UpdateInput]:
    """Read update rows from a CSV or XLSX file; raises BatchRejected naming every unreadable row.

    Row numbers are the spreadsheet's own (the header is row 1). Empty rows are skipped.
    """
    rows = _read_rows(filename, data)
    if not rows:
        raise FollowUpError(_("Tiedosto on tyhjä."))
    header = [COLUMNS.get((h or "").strip().lower()) for h in rows[0]]
    if "conclusion_id" not in header or "status" not in header:
        raise FollowUpError(
            _("Otsikkorivillä on oltava ainakin sarakkeet ”johtopäätös” ja ”tila” (sarakkeet: %(columns)s).")
            % {"columns": ", ".join(TEMPLATE_HEADER)}
        )
    body = rows[1:]
    if len(body) > MAX_IMPORT_ROWS:
        raise FollowUpError(_("Tiedostossa on liikaa rivejä (enintään %(max)d).") % {"max": MAX_IMPORT_ROWS})
    inputs: list[UpdateInput] = []
    errors: list[RowError] = []
    for number, raw in enumerate(body, start=2):
        values = {name: (raw[i] if i < len(raw) else "") for i, name in enumerate(header) if name}
        if not any(values.values()):
            continue
        try:
            ident = values.get("conclusion_id", "")
            if not ident.isdigit():
                raise RuleBroken(_("johtopäätöksen tunnus ”%(value)s” ei ole numero.") % {"value": ident})
            status = status_from_text(values.get("status", ""))
            if status is None:
                raise RuleBroken(
                    _("tila ”%(value)s” ei ole mikään näistä: %(choices)s.")
                    % {"value": values.get("status", ""), "choices": ", ".join(Status.values)}
                )
            progress_text = values.get("progress", "").replace("%", "").strip()
            progress = None
            if progress_text:
                try:
                    progress = int(float(progress_text.replace(",", ".")))
                except ValueError:
                    raise RuleBroken(
                        _("edistyminen ”%(value)s” ei ole luku.") % {"value": progress_text}
                    ) from None
                if float(progress_text.replace(",", ".")) != progress:
                    raise RuleBroken(_("edistyminen on annettava kokonaisina prosentteina."))
            on = _parse_date(values["on"]) if values.get("on") else None
            inputs.append(
                UpdateInput(
                    conclusion_id=int(ident),
                    status=status,
                    progress=progress,
                    note=values.get("note", ""),
                    evidence_url=values.get("evidence_url", ""),
                    on=on,
                    row=number,
                )
            )
        except RuleBroken as error:
            errors.append(RowError(number, str(error)))
    if errors:
        raise BatchRejected(errors)
    if not inputs:
        raise FollowUpError(_("Tiedostossa ei ole yhtään päivitysriviä."))
    return inputs


def import_updates(user, filename: str, data: bytes, today: date | None = None) -> list[FollowUpUpdate]:
    """Import a file of updates whole: a bad row rejects the file, naming the row and the reason."""
    return record_updates(user, parse_update_file(filename, data), source="import", today=today)


def template_rows(conclusions: Iterable[Conclusion]) -> list[list]:
    """Rows of the import template, pre-filled with each conclusion's current state."""
    rows = []
    for c in conclusions:
        f = getattr(c, "followup", None)
        rows.append([c.pk, f.status if f else Status.NOT_STARTED, f.progress if f else 0, "", "", ""])
    return rows


# ---------------------------------------------------------------------------------------------------
# Reminders


def responsible_users(conclusion: Conclusion, followup: ConclusionFollowUp | None = None):
    """The people who report on a conclusion: the named reporting organisation's members when one is named,
    otherwise the region's officials, the responsible ministries' officials and the named organisations' contacts.
    """
    from django.db.models import Q

    members = Q(memberships__is_active=True)
    if followup is not None and followup.responsible_organisation_id:
        scope = Q(memberships__organisation_id=followup.responsible_organisation_id)
    else:
        scope = Q(memberships__role=Role.REGION, memberships__organisation__region_id=conclusion.region_id)
        ministry_ids = list(conclusion.ministries.values_list("pk", flat=True))
        if ministry_ids:
            scope |= Q(
                memberships__role=Role.MINISTRY, memberships__organisation__ministry_id__in=ministry_ids
            )
        org_ids = list(conclusion.organisations.values_list("pk", flat=True))
        if org_ids:
            scope |= Q(memberships__role=Role.CONTACT, memberships__organisation_id__in=org_ids)
    return User.objects.filter(members & scope, is_active=True).distinct()


@dataclass
class ReminderResult:
    upcoming: int = 0
    overdue: int = 0
    stale: int = 0
    notifications: int = 0
    conclusions: list[int] = field(default_factory=list)


@transaction.atomic
def send_reminders(today: date | None = None, days_before: int = 30, stale_days: int = 90) -> ReminderResult:
    """Remind the responsible people of open conclusions whose deadline is near or past, or with no update
    for `stale_days`. Idempotent: each person gets each reminder once (keyed by conclusion and date), so the
    command can run daily; mail goes at once or in the daily digest as each user chose.
    """
    from alke.rounds.notifications import notify

    today = today or timezone.localdate()
    result = ReminderResult()
    conclusions = (
        tracked_conclusions()
        .select_related("round", "region")
        .prefetch_related("ministries", "organisations")
    )
    ensure_followups(conclusions)
    for followup in ConclusionFollowUp.objects.filter(
        conclusion__in=conclusions, status__in=OPEN_STATUSES
    ).select_related("conclusion", "conclusion__round", "conclusion__region"):
        c = followup.conclusion
        url = reverse("followup:conclusion", args=[c.pk])
        messages = []
        if c.deadline and c.deadline < today:
            result.overdue += 1
            messages.append(
                (
                    f"followup:overdue:{c.pk}:{c.deadline.isoformat()}",
                    _("Määräaika ohitettu: %(region)s, %(round)s")
                    % {"region": c.region.name, "round": c.round.name},
                    _(
                        "Johtopäätöksen määräaika oli %(date)s, ja se on yhä kesken (%(progress)s %%). Päivitä tilanne: %(text)s"
                    )
                    % {
                        "date": c.deadline.strftime("%d.%m.%Y"),
                        "progress": followup.progress,
                        "text": c.text_fi[:300],
                    },
                )
            )
        elif c.deadline and c.deadline <= today + timedelta(days=days_before):
            result.upcoming += 1
            messages.append(
                (
                    f"followup:deadline:{c.pk}:{c.deadline.isoformat()}",
                    _("Määräaika lähestyy %(date)s: %(region)s")
                    % {"date": c.deadline.strftime("%d.%m.%Y"), "region": c.region.name},
                    _("Johtopäätöksen määräaika on %(date)s (edistyminen nyt %(progress)s %%): %(text)s")
                    % {
                        "date": c.deadline.strftime("%d.%m.%Y"),
                        "progress": followup.progress,
                        "text": c.text_fi[:300],
                    },
                )
            )
        last = followup.last_update_on or followup.created_at.date()
        if last <= today - timedelta(days=stale_days):
            result.stale += 1
            messages.append(
                (
                    f"followup:stale:{c.pk}:{last.isoformat()}",
                    _("Ei päivityksiä %(days)s päivään: %(region)s, %(round)s")
                    % {"days": (today - last).days, "region": c.region.name, "round": c.round.name},
                    _("Johtopäätöksestä ei ole raportoitu %(date)s jälkeen. Kerro, miten se etenee: %(text)s")
                    % {"date": last.strftime("%d.%m.%Y"), "text": c.text_fi[:300]},
                )
            )
        if not messages:
            continue
        users = list(responsible_users(c, followup))
        for key, subject, body in messages:
            result.notifications += len(notify(users, subject, body, url, c.round, key=key))
        result.conclusions.append(c.pk)
    return result


# ---------------------------------------------------------------------------------------------------
# Carry-over to the next round


def next_round(round_: Round) -> Round | None:
    """The round after this one (the next year that has a round)."""
    return Round.objects.filter(year__gt=round_.year).order_by("year").first()


@dataclass
class CarryOverResult:
    target: Round | None
    created: list = field(default_factory=list)
    existing: list = field(default_factory=list)


@transaction.atomic
def carry_over(user, round_: Round, region: Region | None = None) -> CarryOverResult:
    """Offer the round's unfinished conclusions as agenda candidates for the same region in the next round.

    Idempotent: a conclusion already offered is not offered twice. Raises FollowUpError when there is no
    next round; the agenda's phase gate and permission table apply (its errors pass through).
    """
    from alke.agenda.models import AgendaCandidate
    from alke.agenda.services import add_agenda_candidate

    target = next_round(round_)
    if target is None:
        raise FollowUpError(
            _("Kierroksen %(round)s jälkeen ei ole vielä uutta kierrosta, jolle siirtää.")
            % {"round": round_.name}
        )
    qs = tracked_conclusions().filter(round=round_).select_related("region").prefetch_related("ministries")
    if region is not None:
        qs = qs.filter(region=region)
    ensure_followups(qs)
    result = CarryOverResult(target)
    for followup in (
        ConclusionFollowUp.objects.filter(conclusion__in=qs, status__in=OPEN_STATUSES)
        .select_related("conclusion", "conclusion__region")
        .order_by("conclusion__region__code", "conclusion__order")
    ):
        c = followup.conclusion
        key = f"conclusion:{c.pk}"
        before = AgendaCandidate.objects.filter(
            round=target, region=c.region, source="carry_over", source_key=key
        ).exists()
        label = _("%(round)s, johtopäätös %(order)s: %(status)s, %(progress)s %%") % {
            "round": round_.name,
            "order": c.order,
            "status": followup.get_status_display(),
            "progress": followup.progress,
        }
        # Stored in Finnish, the source language; documents show it in theirs (followup.candidates).
        title, description = carried_over_text(c, followup.updates.order_by("-on", "-pk").first(), "fi")
        candidate = add_agenda_candidate(
            user,
            target,
            c.region,
            title=title,
            description=description,
            source=AgendaCandidate.Source.CARRY_OVER,
            source_label=label,
            source_url=reverse("followup:conclusion", args=[c.pk]),
            source_key=key,
            ministries=list(c.ministries.all()),
            is_demo=c.is_demo,
        )
        (result.existing if before else result.created).append(candidate)
    return result


# ---------------------------------------------------------------------------------------------------
# Feedback survey

DEFAULT_QUESTIONS = [
    (
        "preparation",
        "rating",
        "Valmistelu ja ennakkoaineisto tukivat keskustelua.",
        "Förberedelserna och förhandsmaterialet stödde diskussionen.",
        "The preparation and material supported the discussion.",
    ),
    (
        "relevance",
        "rating",
        "Agendalla olivat maakunnan kannalta olennaisimmat kysymykset.",
        "Agendan innehöll de viktigaste frågorna för landskapet.",
        "The agenda held the questions that matter most to the region.",
    ),
    (
        "dialogue",
        "rating",
        "Keskustelu oli aitoa vuoropuhelua valtion ja maakunnan välillä.",
        "Diskussionen var en verklig dialog mellan staten och landskapet.",
        "The discussion was a real dialogue between the state and the region.",
    ),
    (
        "outcome",
        "rating",
        "Johtopäätökset ovat selkeitä ja vastuut sovittu.",
        "Slutsatserna är tydliga och ansvaren överenskomna.",
        "The conclusions are clear and responsibilities agreed.",
    ),
    (
        "time",
        "rating",
        "Keskustelulle varattu aika oli sopiva.",
        "Tiden för diskussionen var lämplig.",
        "The time set for the discussion was right.",
    ),
    ("went_well", "text", "Mikä onnistui?", "Vad lyckades?", "What went well?"),
    (
        "improve",
        "text",
        "Mitä pitäisi kehittää ensi kierroksella?",
        "Vad borde utvecklas till nästa omgång?",
        "What should be improved for the next round?",
    ),
]


@transaction.atomic
def open_survey(
    user,
    round_: Round,
    *,
    anonymous: bool = True,
    intro_fi: str = "",
    intro_sv: str = "",
    is_demo: bool = False,
) -> FeedbackSurvey:
    """Open the round's feedback survey with the standard questions (the same codes every year, so rounds compare)."""
    require(user, "survey.manage")
    survey = FeedbackSurvey.objects.filter(round=round_).first()
    if survey is not None:
        if not survey.is_open:
            survey.is_open = True
            survey.stamp(user)
            survey.save()
        return survey
    survey = FeedbackSurvey(
        round=round_,
        anonymous=anonymous,
        intro_fi=intro_fi.strip(),
        intro_sv=intro_sv.strip(),
        is_demo=is_demo,
    )
    survey.stamp(user)
    survey.save()
    for order, (code, kind, fi, sv, en) in enumerate(DEFAULT_QUESTIONS, start=1):
        SurveyQuestion.objects.create(
            survey=survey, code=code, order=order, kind=kind, text_fi=fi, text_sv=sv, text_en=en
        )
    return survey


@transaction.atomic
def close_survey(user, survey: FeedbackSurvey) -> FeedbackSurvey:
    require(user, "survey.manage")
    survey.is_open = False
    survey.stamp(user)
    survey.save()
    return survey


def respondent_key(survey: FeedbackSurvey, user) -> str:
    """A keyed hash of survey and user: stops a second answer without storing who answered."""
    message = f"{survey.pk}:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def has_answered(survey: FeedbackSurvey, user) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and SurveyResponse.objects.filter(survey=survey, respondent_key=respondent_key(survey, user)).exists()
    )


@transaction.atomic
def answer_survey(
    user, survey: FeedbackSurvey, *, region: Region | None, answers: dict[str, object], is_demo: bool = False
) -> SurveyResponse:
    """Record one participant's answers: ratings 1–5 and free texts, keyed by question code.

    Anonymous surveys keep no link to the user; the keyed hash only prevents answering twice.
    """
    require(user, "survey.answer")
    if not survey.is_open:
        raise FollowUpError(_("Palautekysely on suljettu."))
    questions = {q.code: q for q in survey.questions.all()}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise FollowUpError(_("Tuntematon kysymys: %(codes)s.") % {"codes": ", ".join(unknown)})
    cleaned: list[tuple[SurveyQuestion, int | None, str]] = []
    for code, question in questions.items():
        value = answers.get(code)
        if value in (None, ""):
            continue
        if question.kind == SurveyQuestion.Kind.RATING:
            try:
                rating = int(value)
            except (TypeError, ValueError):
                rating = 0
            if not 1 <= rating <= 5:
                raise FollowUpError(
                    _("Arvio kysymykseen ”%(q)s” on annettava asteikolla 1–5.") % {"q": question.text}
                )
            cleaned.append((question, rating, ""))
        else:
            text = str(value).strip()
            if len(text) > 4000:
                raise FollowUpError(_("Vastaus on liian pitkä (enintään 4000 merkkiä)."))
            cleaned.append((question, None, text))
    if not cleaned:
        raise FollowUpError(_("Vastaa ainakin yhteen kysymykseen."))
    response = SurveyResponse(
        survey=survey,
        region=region,
        respondent=None if survey.anonymous else user,
        respondent_key=respondent_key(survey, user),
        answered_on=timezone.localdate(),
        is_demo=is_demo,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise FollowUpError(_("Olet jo vastannut tähän kyselyyn. Kiitos!")) from None
    SurveyAnswer.objects.bulk_create(
        [SurveyAnswer(response=response, question=q, rating=r, text=t) for q, r, t in cleaned]
    )
    return response


# ---------------------------------------------------------------------------------------------------
# Improvement items

IMPROVEMENT_FIELDS = ("title", "finding", "action", "owner", "status", "question_code")


@transaction.atomic
def save_improvement(
    user,
    item: ImprovementItem | None = None,
    *,
    source_round: Round,
    target_round: Round | None = None,
    is_demo: bool = False,
    **values,
) -> ImprovementItem:
    """Record (or change) an improvement the coordinator draws from a round's feedback."""
    require(user, "improvement.manage")
    title = (values.get("title") or "").strip()
    finding = (values.get("finding") or "").strip()
    if not title:
        raise FollowUpError(_("Anna kehittämiskohteelle otsikko."))
    if not finding:
        raise FollowUpError(_("Kirjaa havainto, josta kehittämiskohde nousee."))
    if target_round is not None and target_round.year <= source_round.year:
        raise FollowUpError(_("Kehittäminen kohdistuu myöhempään kierrokseen kuin havainto."))
    status = values.get("status") or ImprovementItem.ItemStatus.PROPOSED
    if status not in ImprovementItem.ItemStatus.values:
        raise FollowUpError(_("Tuntematon tila ”%(status)s”.") % {"status": status})
    item = item or ImprovementItem(is_demo=is_demo)
    item.source_round = source_round
    item.target_round = target_round
    item.title = title[:200]
    item.finding = finding
    item.action = (values.get("action") or "").strip()
    item.owner = (values.get("owner") or "").strip()[:200]
    item.status = status
    item.question_code = (values.get("question_code") or "").strip()[:40]
    item.stamp(user)
    item.save()
    return item
