"""Writes of proposals, ministry issues, agenda candidates, synergy suggestions and agendas.

Every write checks the permission table (`require`) and the phase gate (`require_phase`), runs in one
transaction and stamps the author for the history. Errors are ValidationErrors whose message names the problem.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alke.agenda.models import (
    Agenda,
    AgendaCandidate,
    AgendaComment,
    AgendaItem,
    Kind,
    MinistryIssue,
    Proposal,
    ProposalComment,
    SynergySuggestion,
)
from alke.agenda.synergy import Item, analyse
from alke.core.domain import DomainError
from alke.core.permissions import require
from alke.regions.models import Region
from alke.rounds.gate import require_phase
from alke.rounds.models import Round
from alke.rounds.notifications import notify, participants

PROPOSAL_FIELDS = ("title", "description", "request", "kind", "language")
PROPOSAL_M2M = ("objectives", "priorities", "themes", "ministries", "indicators")
ISSUE_FIELDS = ("title", "description", "kind", "language")
ITEM_FIELDS = ("title", "description", "minutes", "kind", "theme")
ITEM_M2M = ("proposals", "ministries", "indicators")
COMMON_THEME_MINUTES = 45
DEFAULT_ITEM_MINUTES = 25
# A group spanning this many regions or more is better discussed as a common theme than in one joint session.
COMMON_THEME_MIN_REGIONS = 5


def _text(value: str | None, label: str, max_length: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(_("%(field)s puuttuu.") % {"field": label})
    if max_length and len(value) > max_length:
        raise DomainError(
            _("%(field)s on liian pitkä (enintään %(max)d merkkiä).") % {"field": label, "max": max_length}
        )
    return value


def _set_m2m(obj, values: dict, names: Iterable[str]) -> None:
    for name in names:
        if name in values and values[name] is not None:
            getattr(obj, name).set(values[name])


# --- proposals ---------------------------------------------------------------------------------------------


@transaction.atomic
def create_proposal(
    user, round_: Round, region: Region, *, title: str, description: str, **values
) -> Proposal:
    """A draft proposal of `region` for the round, in the uniform proposal template."""
    require(user, "proposal.create", region)
    require_phase(round_, "proposal.create")
    proposal = Proposal(round=round_, region=region, is_demo=values.pop("is_demo", False))
    proposal.title = _text(title, _("Otsikko"), 200)
    proposal.description = _text(description, _("Kuvaus"))
    for name in ("request", "kind", "language"):
        if values.get(name) is not None:
            setattr(proposal, name, values[name])
    proposal.full_clean(exclude=["merged_into"])
    proposal.stamp(user)
    proposal.save()
    _set_m2m(proposal, values, PROPOSAL_M2M)
    return proposal


@transaction.atomic
def update_proposal(user, proposal: Proposal, **values) -> Proposal:
    """Edit a proposal while proposals are open and the coordinator has not decided on it."""
    require(user, "proposal.edit", proposal)
    require_phase(proposal.round, "proposal.edit")
    if proposal.status not in (Proposal.Status.DRAFT, Proposal.Status.SUBMITTED):
        raise DomainError(
            _("Ehdotus on jo käsitelty (%(status)s), eikä sitä voi enää muokata.")
            % {"status": proposal.get_status_display()},
            code="already_decided",
        )
    if "title" in values:
        proposal.title = _text(values["title"], _("Otsikko"), 200)
    if "description" in values:
        proposal.description = _text(values["description"], _("Kuvaus"))
    for name in ("request", "kind", "language"):
        if values.get(name) is not None:
            setattr(proposal, name, values[name])
    proposal.full_clean(exclude=["merged_into"])
    proposal.stamp(user)
    proposal.save()
    _set_m2m(proposal, values, PROPOSAL_M2M)
    return proposal


@transaction.atomic
def submit_proposal(user, proposal: Proposal) -> Proposal:
    """Submit a draft: the coordinator and the ministries concerned are notified."""
    require(user, "proposal.submit", proposal)
    require_phase(proposal.round, "proposal.submit")
    if proposal.status != Proposal.Status.DRAFT:
        raise DomainError(
            _("Vain luonnoksen voi jättää; ehdotus on jo %(status)s.")
            % {"status": proposal.get_status_display()},
            code="not_draft",
        )
    if not proposal.ministries.exists():
        raise DomainError(_("Valitse ennen jättämistä ainakin yksi ministeriö, jota ehdotus koskee."))
    proposal.status = Proposal.Status.SUBMITTED
    proposal.submitted_at = timezone.now()
    proposal.stamp(user)
    proposal.save()
    notify(
        participants(region_ids=[], ministry_ids=[m.pk for m in proposal.ministries.all()]),
        _("Uusi ehdotus: %(title)s (%(region)s)") % {"title": proposal.title, "region": proposal.region.name},
        proposal.description[:500],
        proposal.get_absolute_url(),
        proposal.round,
    )
    return proposal


@transaction.atomic
def decide_proposal(
    user, proposal: Proposal, status: str, reason: str = "", merged_into: Proposal | None = None
) -> Proposal:
    """The coordinator accepts a proposal to the agenda, merges it into another, or declines it (with a reason)."""
    require(user, "proposal.decide", proposal)
    require_phase(proposal.round, "proposal.decide")
    decided = (Proposal.Status.ACCEPTED, Proposal.Status.MERGED, Proposal.Status.DECLINED)
    if status not in decided:
        raise DomainError(_("Tuntematon päätös: %(status)s.") % {"status": status})
    if proposal.status == Proposal.Status.DRAFT:
        raise DomainError(_("Luonnoksesta ei voi päättää; maakunta ei ole vielä jättänyt sitä."))
    reason = (reason or "").strip()
    if status == Proposal.Status.DECLINED and not reason:
        raise DomainError(_("Hylkäämiselle on kirjattava perustelu."), code="reason_required")
    if status == Proposal.Status.MERGED:
        if merged_into is None:
            raise DomainError(_("Valitse ehdotus, johon tämä yhdistetään."))
        if merged_into.pk == proposal.pk:
            raise DomainError(_("Ehdotusta ei voi yhdistää itseensä."))
        if merged_into.round_id != proposal.round_id:
            raise DomainError(_("Ehdotuksen voi yhdistää vain saman kierroksen ehdotukseen."))
        if merged_into.status in (Proposal.Status.MERGED, Proposal.Status.DECLINED, Proposal.Status.DRAFT):
            raise DomainError(
                _("Kohde-ehdotus on tilassa ”%(status)s”; yhdistä jätettyyn tai hyväksyttyyn ehdotukseen.")
                % {"status": merged_into.get_status_display()}
            )
    proposal.status = status
    proposal.decision_reason = reason
    proposal.merged_into = merged_into if status == Proposal.Status.MERGED else None
    proposal.stamp(user)
    proposal._change_reason = reason[:100] or None
    proposal.save()
    notify(
        participants(region_ids=[proposal.region_id], ministry_ids=[]),
        _("Ehdotuksesta päätetty: %(title)s – %(status)s")
        % {"title": proposal.title, "status": proposal.get_status_display()},
        reason,
        proposal.get_absolute_url(),
        proposal.round,
    )
    return proposal


@transaction.atomic
def comment_proposal(user, proposal: Proposal, text: str, is_demo: bool = False) -> ProposalComment:
    require(user, "proposal.comment", proposal)
    require_phase(proposal.round, "proposal.comment")
    comment = ProposalComment(
        proposal=proposal, author=user, text=_text(text, _("Kommentti")), is_demo=is_demo
    )
    comment.stamp(user)
    comment.save()
    return comment


# --- ministry issues ---------------------------------------------------------------------------------------


@transaction.atomic
def raise_issue(
    user, round_: Round, ministry, regions: Iterable[Region], *, title: str, description: str, **values
) -> MinistryIssue:
    """A ministry raises a key issue for one or several regions; those regions are notified."""
    regions = list(regions)
    require(user, "issue.raise", SimpleNamespace(ministry_id=ministry.pk))
    require_phase(round_, "issue.raise")
    if not regions:
        raise DomainError(_("Valitse ainakin yksi maakunta, jota nosto koskee."))
    issue = MinistryIssue(round=round_, ministry=ministry, is_demo=values.pop("is_demo", False))
    issue.title = _text(title, _("Otsikko"), 200)
    issue.description = _text(description, _("Kuvaus"))
    for name in ("kind", "language"):
        if values.get(name) is not None:
            setattr(issue, name, values[name])
    issue.full_clean()
    issue.stamp(user)
    issue.save()
    issue.regions.set(regions)
    if values.get("themes") is not None:
        issue.themes.set(values["themes"])
    notify(
        participants(region_ids=[r.pk for r in regions], ministry_ids=[]),
        _("%(ministry)s nosti asian: %(title)s") % {"ministry": ministry.abbreviation, "title": issue.title},
        issue.description[:500],
        issue.get_absolute_url(),
        round_,
    )
    return issue


@transaction.atomic
def update_issue(user, issue: MinistryIssue, **values) -> MinistryIssue:
    require(user, "issue.edit", issue)
    require_phase(issue.round, "issue.edit")
    if "title" in values:
        issue.title = _text(values["title"], _("Otsikko"), 200)
    if "description" in values:
        issue.description = _text(values["description"], _("Kuvaus"))
    for name in ("kind", "language"):
        if values.get(name) is not None:
            setattr(issue, name, values[name])
    if "regions" in values and not list(values["regions"]):
        raise DomainError(_("Valitse ainakin yksi maakunta, jota nosto koskee."))
    issue.full_clean()
    issue.stamp(user)
    issue.save()
    for name in ("regions", "themes"):
        if values.get(name) is not None:
            getattr(issue, name).set(values[name])
    return issue


# --- agenda candidates (carry-over from follow-up) -----------------------------------------------------------


@transaction.atomic
def add_agenda_candidate(
    user,
    round_: Round,
    region: Region,
    *,
    title: str,
    description: str = "",
    source: str = AgendaCandidate.Source.CARRY_OVER,
    source_label: str = "",
    source_url: str = "",
    source_key: str = "",
    ministries: Iterable = (),
    is_demo: bool = False,
) -> AgendaCandidate:
    """Offer something for a region's agenda, e.g. an unfinished conclusion of the previous round.

    Idempotent by (`source`, `source_key`): adding the same source again returns the existing candidate.
    The region's people are notified so they can take it on their agenda.
    """
    require(user, "candidate.add", region)
    require_phase(round_, "candidate.add")
    if source not in AgendaCandidate.Source.values:
        raise DomainError(_("Tuntematon lähde: %(source)s.") % {"source": source})
    if source_key:
        existing = AgendaCandidate.objects.filter(
            round=round_, region=region, source=source, source_key=source_key
        ).first()
        if existing:
            return existing
    candidate = AgendaCandidate(
        round=round_,
        region=region,
        title=_text(title, _("Otsikko"), 200),
        description=(description or "").strip(),
        source=source,
        source_label=source_label[:255],
        source_url=source_url[:255],
        source_key=source_key[:100],
        is_demo=is_demo,
    )
    candidate.stamp(user)
    candidate.save()
    candidate.ministries.set(ministries)
    notify(
        participants(region_ids=[region.pk], ministry_ids=[]),
        _("Agendaehdokas: %(title)s") % {"title": candidate.title},
        candidate.source_label or candidate.get_source_display(),
        "",
        round_,
    )
    return candidate


@transaction.atomic
def decide_candidate(user, candidate: AgendaCandidate, take: bool, reason: str = "") -> AgendaCandidate:
    """Take a candidate on the region's agenda (as a new item) or dismiss it with a reason."""
    require(user, "candidate.decide", candidate)
    require_phase(candidate.round, "candidate.decide")
    if candidate.status != AgendaCandidate.Status.OPEN:
        raise DomainError(_("Agendaehdokkaasta on jo päätetty."), code="already_decided")
    reason = (reason or "").strip()
    if take:
        agenda = ensure_region_agenda(user, candidate.round, candidate.region)
        add_item(
            user,
            agenda,
            title=candidate.title,
            description=candidate.description,
            source=AgendaItem.Source.CARRY_OVER,
            candidate=candidate,
            ministries=list(candidate.ministries.all()),
        )
        candidate.status = AgendaCandidate.Status.TAKEN
    else:
        if not reason:
            raise DomainError(_("Kerro, miksi ehdokasta ei oteta agendalle."), code="reason_required")
        candidate.status = AgendaCandidate.Status.DISMISSED
    candidate.status_reason = reason
    candidate.stamp(user)
    candidate.save()
    return candidate


# --- agendas -----------------------------------------------------------------------------------------------


def _next_order(agenda: Agenda) -> int:
    return (agenda.items.aggregate(m=Max("order"))["m"] or 0) + 1


def _common_theme_title(theme) -> str:
    """Stored in Finnish, the source language; pages and packets show it in the reader's language."""
    with translation.override("fi"):
        return _("Yhteinen teema: %(theme)s") % {"theme": theme.name_fi}


def _add_common_theme(user, agenda: Agenda) -> None:
    """The round's common theme opens every agenda (AUNE decides it; the 2022 model)."""
    theme = agenda.round.common_theme
    if theme is None or agenda.items.filter(source=AgendaItem.Source.COMMON_THEME).exists():
        return
    item = AgendaItem(
        agenda=agenda,
        order=0,
        title=_common_theme_title(theme),
        minutes=min(COMMON_THEME_MINUTES, agenda.session_minutes),
        source=AgendaItem.Source.COMMON_THEME,
        theme=theme,
        is_demo=agenda.is_demo,
    )
    item.stamp(user)
    item.save()


@transaction.atomic
def ensure_region_agenda(user, round_: Round, region: Region, is_demo: bool = False) -> Agenda:
    """The region's agenda for the round, created with the common theme as its first item when missing."""
    agenda = Agenda.objects.filter(round=round_, region=region, kind=Agenda.AgendaKind.REGION).first()
    if agenda is not None:
        return agenda
    require(user, "agenda.edit", region)
    require_phase(round_, "agenda.edit")
    agenda = Agenda(
        round=round_,
        region=region,
        kind=Agenda.AgendaKind.REGION,
        session_minutes=round_.session_minutes,
        is_demo=is_demo,
    )
    agenda.stamp(user)
    agenda.save()
    _add_common_theme(user, agenda)
    return agenda


@transaction.atomic
def prepare_agendas(user, round_: Round) -> int:
    """Create every mainland region's agenda with the common theme and the region's accepted proposals.

    Run by the coordinator when drafting starts; items already there are kept. Returns agendas created.
    """
    require(user, "round.manage", round_)
    require_phase(round_, "agenda.edit")
    created = 0
    for region in Region.objects.mainland():
        exists = Agenda.objects.filter(round=round_, region=region, kind=Agenda.AgendaKind.REGION).exists()
        agenda = ensure_region_agenda(user, round_, region, is_demo=round_.is_demo)
        created += not exists
        linked = set(AgendaItem.objects.filter(agenda=agenda).values_list("proposals", flat=True))
        for proposal in Proposal.objects.filter(
            round=round_, region=region, status=Proposal.Status.ACCEPTED
        ).exclude(pk__in=[pk for pk in linked if pk]):
            add_item_from_proposal(user, agenda, proposal)
    return created


def _check_item_links(agenda: Agenda, values: dict) -> None:
    region_ids = set(agenda.region_ids())
    for proposal in values.get("proposals") or []:
        if proposal.round_id != agenda.round_id:
            raise DomainError(_("Ehdotus ”%(title)s” on toiselta kierrokselta.") % {"title": proposal.title})
        if proposal.region_id not in region_ids:
            raise DomainError(
                _("Ehdotus ”%(title)s” on maakunnalta, joka ei osallistu tähän keskusteluun.")
                % {"title": proposal.title}
            )
    issue = values.get("issue")
    if issue is not None:
        if issue.round_id != agenda.round_id:
            raise DomainError(_("Nosto on toiselta kierrokselta."))
        if not region_ids & set(issue.regions.values_list("pk", flat=True)):
            raise DomainError(_("Nosto ei koske tämän agendan maakuntia."))
    minutes = values.get("minutes")
    if minutes is not None and not 5 <= int(minutes) <= agenda.session_minutes:
        raise DomainError(_("Kohdan keston on oltava 5–%(max)d minuuttia.") % {"max": agenda.session_minutes})


@transaction.atomic
def add_item(user, agenda: Agenda, *, title: str, **values) -> AgendaItem:
    """Add an item at the end of the agenda; ministries concerned may add items as well as the region."""
    require(user, "agenda.add_item", agenda)
    require_phase(agenda.round, "agenda.add_item")
    values.setdefault("minutes", DEFAULT_ITEM_MINUTES)
    _check_item_links(agenda, values)
    item = AgendaItem(
        agenda=agenda,
        order=_next_order(agenda),
        title=_text(title, _("Otsikko"), 200),
        description=(values.get("description") or "").strip(),
        minutes=int(values["minutes"]),
        source=values.get("source") or AgendaItem.Source.OTHER,
        kind=values.get("kind") or "",
        theme=values.get("theme"),
        issue=values.get("issue"),
        candidate=values.get("candidate"),
        is_demo=agenda.is_demo,
    )
    item.full_clean(exclude=["agenda", "theme", "issue", "candidate"])
    item.stamp(user)
    item.save()
    _set_m2m(item, values, ITEM_M2M)
    if agenda.status == Agenda.Status.READY:
        _reopen(user, agenda)
    return item


def add_item_from_proposal(user, agenda: Agenda, proposal: Proposal) -> AgendaItem:
    """An item that carries the proposal's title, description, nature, ministries and indicators."""
    return add_item(
        user,
        agenda,
        title=proposal.title,
        description=proposal.request or proposal.description,
        source=AgendaItem.Source.PROPOSAL,
        kind=proposal.kind,
        proposals=[proposal],
        ministries=list(proposal.ministries.all()),
        indicators=list(proposal.indicators.all()),
    )


def add_item_from_issue(user, agenda: Agenda, issue: MinistryIssue) -> AgendaItem:
    return add_item(
        user,
        agenda,
        title=issue.title,
        description=issue.description,
        source=AgendaItem.Source.ISSUE,
        kind=issue.kind,
        issue=issue,
        ministries=[issue.ministry],
    )


@transaction.atomic
def update_item(user, item: AgendaItem, **values) -> AgendaItem:
    require(user, "agenda.edit", item.agenda)
    require_phase(item.agenda.round, "agenda.edit")
    _check_item_links(item.agenda, values)
    if "title" in values:
        item.title = _text(values["title"], _("Otsikko"), 200)
    for name in ("description", "minutes", "kind", "theme"):
        if name in values and values[name] is not None:
            setattr(item, name, values[name].strip() if isinstance(values[name], str) else values[name])
    item.stamp(user)
    item.save()
    _set_m2m(item, values, ITEM_M2M)
    return item


@transaction.atomic
def move_item(user, item: AgendaItem, up: bool) -> None:
    """Move an item one place up or down; the order is renumbered 1..n."""
    require(user, "agenda.edit", item.agenda)
    require_phase(item.agenda.round, "agenda.edit")
    items = list(item.agenda.items.select_for_update().order_by("order", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for number, other in enumerate(items, start=1):
        if other.order != number:
            other.order = number
            other.stamp(user)
            other.save(update_fields=["order", "modified_at", "modified_by"])


@transaction.atomic
def remove_item(user, item: AgendaItem) -> None:
    require(user, "agenda.edit", item.agenda)
    require_phase(item.agenda.round, "agenda.edit")
    if item.source == AgendaItem.Source.COMMON_THEME:
        raise DomainError(_("Yhteinen teema on jokaisen maakunnan agendalla, eikä sitä voi poistaa."))
    if item.candidate_id:
        AgendaCandidate.objects.filter(pk=item.candidate_id).update(status=AgendaCandidate.Status.OPEN)
    agenda = item.agenda
    item._history_user = user
    item.delete()
    if agenda.status == Agenda.Status.READY:
        _reopen(user, agenda)


def _reopen(user, agenda: Agenda) -> None:
    agenda.status = Agenda.Status.DRAFT
    agenda.stamp(user)
    agenda.save()


@transaction.atomic
def set_agenda_ready(user, agenda: Agenda, ready: bool = True) -> Agenda:
    """Mark the agenda ready (it must have items and fit the session) or back to drafting."""
    require(user, "agenda.edit", agenda)
    require_phase(agenda.round, "agenda.edit")
    if ready:
        items = list(agenda.items.all())
        if not items:
            raise DomainError(_("Agendalla ei ole yhtään kohtaa."))
        total = sum(item.minutes for item in items)
        if total > agenda.session_minutes:
            raise DomainError(
                _(
                    "Kohtien kesto on yhteensä %(total)d min, mutta keskustelu kestää %(max)d min. "
                    "Lyhennä kohtia tai poista jokin."
                )
                % {"total": total, "max": agenda.session_minutes}
            )
        without = [
            item.title
            for item in items
            if item.source != AgendaItem.Source.COMMON_THEME and not item.ministries.exists()
        ]
        if without:
            raise DomainError(
                _("Merkitse paikalla oltavat ministeriöt kohtiin: %(items)s.") % {"items": "; ".join(without)}
            )
    agenda.status = Agenda.Status.READY if ready else Agenda.Status.DRAFT
    agenda.stamp(user)
    agenda.save()
    if ready:
        ministry_ids = set(
            AgendaItem.ministries.through.objects.filter(agendaitem__agenda=agenda).values_list(
                "ministry_id", flat=True
            )
        )
        notify(
            participants(region_ids=[], ministry_ids=ministry_ids),
            _("Agenda valmis: %(agenda)s") % {"agenda": agenda_title(agenda)},
            _("Agendan kohdat ja paikalla oltavat ministeriöt on vahvistettu."),
            agenda.get_absolute_url(),
            agenda.round,
        )
    return agenda


@transaction.atomic
def set_session_minutes(user, agenda: Agenda, minutes: int) -> Agenda:
    require(user, "agenda.edit", agenda)
    require_phase(agenda.round, "agenda.edit")
    if not 30 <= minutes <= 480:
        raise DomainError(_("Keskustelun keston on oltava 30–480 minuuttia."))
    agenda.session_minutes = minutes
    agenda.stamp(user)
    agenda.save()
    return agenda


@transaction.atomic
def comment_agenda(user, agenda: Agenda, text: str, is_demo: bool = False) -> AgendaComment:
    require(user, "agenda.comment", agenda)
    require_phase(agenda.round, "agenda.comment")
    comment = AgendaComment(agenda=agenda, author=user, text=_text(text, _("Kommentti")), is_demo=is_demo)
    comment.stamp(user)
    comment.save()
    return comment


def agenda_title(agenda: Agenda) -> str:
    if agenda.title:
        return agenda.title
    if agenda.kind == Agenda.AgendaKind.REGION and agenda.region_id:
        return f"{agenda.round.name}: {agenda.region.name}"
    names = ", ".join(r.name for r in agenda.regions.order_by("code"))
    return f"{agenda.round.name}: {_('yhteinen keskustelu')} ({names})"


# --- synergy -----------------------------------------------------------------------------------------------


def synergy_items(proposals: Iterable[Proposal]) -> list[Item]:
    return [
        Item(str(p.pk), p.region.code, p.title, f"{p.description}\n{p.request}", p.language)
        for p in proposals
    ]


def _fingerprint(proposal_ids: Iterable[int]) -> str:
    return hashlib.sha256(",".join(str(i) for i in sorted(proposal_ids)).encode()).hexdigest()


@transaction.atomic
def analyse_synergy(user, round_: Round) -> tuple[int, int]:
    """Suggest joint sessions and common themes from the round's submitted and accepted proposals.

    Suggestions already decided stay as they are; undecided ones that no longer come out are removed.
    Returns (suggestions created, suggestions removed).
    """
    require(user, "synergy.analyse", round_)
    require_phase(round_, "synergy.analyse")
    proposals = list(
        Proposal.objects.filter(
            round=round_, status__in=[Proposal.Status.SUBMITTED, Proposal.Status.ACCEPTED]
        )
        .select_related("region")
        .prefetch_related("ministries")
    )
    by_id = {str(p.pk): p for p in proposals}
    result = analyse(synergy_items(proposals))
    seen, created = set(), 0
    for group in result.groups:
        members = [by_id[i] for i in group.items]
        fingerprint = _fingerprint(p.pk for p in members)
        seen.add(fingerprint)
        described = {
            "keywords": group.shared_words,  # the words two or more of the proposals use
            "concepts": [{"key": key, "count": count} for key, count in group.concepts],
            "titles": group.titles,
            "score": round(group.cohesion, 4),
        }
        existing = SynergySuggestion.objects.filter(round=round_, fingerprint=fingerprint).first()
        if existing is not None:
            # the same proposals again: an undecided suggestion takes the current wording, a decided one stays
            changed = {k: v for k, v in described.items() if getattr(existing, k) != v}
            if existing.status == SynergySuggestion.Status.SUGGESTED and changed:
                for key, value in changed.items():
                    setattr(existing, key, value)
                existing.stamp(user)
                existing.save()
            continue
        regions = {p.region for p in members}
        ministries = {m for p in members for m in p.ministries.all()}
        suggestion = SynergySuggestion(
            round=round_,
            target=(
                SynergySuggestion.Target.COMMON_THEME
                if len(regions) >= COMMON_THEME_MIN_REGIONS
                else SynergySuggestion.Target.JOINT_SESSION
            ),
            **described,
            fingerprint=fingerprint,
            is_demo=round_.is_demo,
        )
        suggestion.stamp(user)
        suggestion.save()
        suggestion.proposals.set(members)
        suggestion.regions.set(regions)
        suggestion.ministries.set(ministries)
        created += 1
    stale = SynergySuggestion.objects.filter(round=round_, status=SynergySuggestion.Status.SUGGESTED).exclude(
        fingerprint__in=seen
    )
    removed = stale.count()
    for suggestion in stale:
        suggestion._history_user = user
        suggestion.delete()
    return created, removed


@transaction.atomic
def decide_suggestion(
    user, suggestion: SynergySuggestion, accept: bool, reason: str = ""
) -> SynergySuggestion:
    """Accept or reject a suggestion (the reason is kept). An accepted joint session gets its joint agenda."""
    require(user, "synergy.decide", suggestion.round)
    require_phase(suggestion.round, "synergy.decide")
    if suggestion.status != SynergySuggestion.Status.SUGGESTED:
        raise DomainError(
            _("Ehdotuksesta on jo päätetty (%(status)s).") % {"status": suggestion.get_status_display()}
        )
    reason = (reason or "").strip()
    if not accept and not reason:
        raise DomainError(_("Kerro, miksi synergiaehdotus hylätään."), code="reason_required")
    suggestion.status = SynergySuggestion.Status.ACCEPTED if accept else SynergySuggestion.Status.REJECTED
    suggestion.reason = reason
    suggestion.decided_at = timezone.now()
    if accept and suggestion.target == SynergySuggestion.Target.JOINT_SESSION:
        suggestion.agenda = _joint_agenda(user, suggestion)
    suggestion.stamp(user)
    suggestion.save()
    return suggestion


def _joint_agenda(user, suggestion: SynergySuggestion) -> Agenda:
    round_ = suggestion.round
    regions = list(suggestion.regions.order_by("code"))
    topic = suggestion.title_in(translation.get_language())
    agenda = Agenda(
        round=round_,
        kind=Agenda.AgendaKind.JOINT,
        title=(_("Yhteinen keskustelu: %(topic)s") % {"topic": topic})[:200] if topic else "",
        session_minutes=round_.session_minutes,
        is_demo=suggestion.is_demo,
    )
    agenda.stamp(user)
    agenda.save()
    agenda.regions.set(regions)
    proposals = list(suggestion.proposals.select_related("region"))
    item = AgendaItem(
        agenda=agenda,
        order=1,
        title=(_("Yhteinen kysymys: %(topic)s") % {"topic": topic})[:200],
        description="\n".join(f"{p.region.name}: {p.title}" for p in proposals),
        minutes=min(60, agenda.session_minutes),
        source=AgendaItem.Source.PROPOSAL,
        kind=Kind.OPPORTUNITY,
        is_demo=agenda.is_demo,
    )
    item.stamp(user)
    item.save()
    item.proposals.set(proposals)
    item.ministries.set(suggestion.ministries.all())
    notify(
        participants(
            region_ids=[r.pk for r in regions],
            ministry_ids=list(suggestion.ministries.values_list("pk", flat=True)),
        ),
        _("Yhteinen keskustelu: %(topic)s") % {"topic": topic},
        ", ".join(r.name for r in regions),
        agenda.get_absolute_url(),
        round_,
    )
    return agenda
