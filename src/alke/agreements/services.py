"""Writes: conclusions, cooperation documents (versions, approvals, reopening, publication), funding.

Every write checks the permission table first, runs in one transaction and stamps its author.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.agenda.models import AgendaItem
from alke.agreements.content import compose, format_euros
from alke.agreements.models import (
    AgendaItemMinutes,
    Appropriation,
    Conclusion,
    ConclusionIndicator,
    CooperationDocument,
    DocumentApproval,
    DocumentComment,
    DocumentFrozen,
    DocumentVersion,
    FundedEntity,
    LedgerEntry,
    RegionAllocation,
    documents_covering,
)
from alke.agreements.selectors import agenda_items_for, entity_balance, population_by_region
from alke.core.permissions import can, require
from alke.regions.models import Ministry, Organisation, Region
from alke.rounds.models import Round
from alke.situation.models import Indicator

CENT = Decimal("0.01")


class AgreementError(Exception):
    """Bad input or a forbidden transition; the message names the problem for the user."""


class EditConflict(AgreementError):
    """Someone saved the draft after this user opened it; `current` is what is stored now."""

    def __init__(self, message: str, current: CooperationDocument):
        super().__init__(message)
        self.current = current


@dataclass
class RegionSubject:
    """A permission subject for writes that concern a region before any record exists."""

    region_id: int


@dataclass
class MinistrySubject:
    """A permission subject for a ministry (its worklist)."""

    ministry_id: int


def _frozen_message(document: CooperationDocument) -> str:
    return _(
        "Asiakirja ”%(title)s” on hyväksytty ja lukittu. Sitä ei voi muuttaa ennen kuin koordinaattori "
        "avaa sen uudelleen ja kirjaa syyn."
    ) % {"title": document.title}


def _check_not_final(round_id: int, region_id: int) -> None:
    for document in documents_covering(round_id, region_id):
        if document.is_final:
            raise AgreementError(_frozen_message(document))


def _money(value: Any, label: str) -> Decimal:
    """Exact euros with cents; more precision than cents is refused rather than rounded away."""
    try:
        amount = Decimal(str(value).replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except Exception:
        raise AgreementError(
            _("%(label)s: ”%(value)s” ei ole rahasumma.") % {"label": label, "value": value}
        ) from None
    if not amount.is_finite() or amount != amount.quantize(CENT):
        raise AgreementError(_("%(label)s: anna summa senttien tarkkuudella.") % {"label": label})
    return amount.quantize(CENT)


# ---------------------------------------------------------------------------------------------------
# Conclusions


@transaction.atomic
def record_conclusion(
    user,
    round: Round,
    region: Region,
    *,
    text_fi: str,
    text_sv: str = "",
    ministries: Iterable[Ministry] = (),
    region_responsible: bool = False,
    organisations: Iterable[Organisation] = (),
    other_parties: str = "",
    deadline: date | None = None,
    needs_budget_decision: bool = False,
    conclusion: Conclusion | None = None,
    agenda_item: AgendaItem | None = None,
    is_demo: bool = False,
) -> Conclusion:
    """Record a new conclusion of a region's discussion, or change one (the secretary's task)."""
    require(user, "conclusion.record", conclusion or RegionSubject(region.pk))
    if not (text_fi or "").strip():
        raise AgreementError(_("Kirjoita johtopäätös suomeksi."))
    ministries, organisations = list(ministries), list(organisations)
    if not (ministries or region_responsible or organisations or (other_parties or "").strip()):
        raise AgreementError(_("Nimeä vähintään yksi vastuutaho: ministeriö, maakunnan liitto tai muu."))
    _check_not_final(round.pk, region.pk)
    if (
        agenda_item is not None
        and not agenda_items_for(round.pk, region.pk).filter(pk=agenda_item.pk).exists()
    ):
        raise AgreementError(_("Agendan kohta ei kuulu maakunnan tämän kierroksen keskusteluun."))
    if conclusion is None:
        last = Conclusion.objects.filter(round=round, region=region).aggregate(m=Max("order"))["m"]
        conclusion = Conclusion(round=round, region=region, order=(last or 0) + 1, is_demo=is_demo)
    elif conclusion.round_id != round.pk or conclusion.region_id != region.pk:
        raise AgreementError(_("Johtopäätöstä ei voi siirtää toiselle maakunnalle tai kierrokselle."))
    conclusion.text_fi = text_fi.strip()
    conclusion.text_sv = (text_sv or "").strip()
    conclusion.region_responsible = region_responsible
    conclusion.other_parties = (other_parties or "").strip()
    conclusion.deadline = deadline
    conclusion.needs_budget_decision = needs_budget_decision
    conclusion.agenda_item = agenda_item
    conclusion.stamp(user)
    conclusion.save()
    conclusion.ministries.set(ministries)
    conclusion.organisations.set(organisations)
    refresh_drafts(user, round.pk, region.pk, _("Johtopäätös kirjattu"))
    return conclusion


@transaction.atomic
def delete_conclusion(user, conclusion: Conclusion) -> None:
    require(user, "conclusion.record", conclusion)
    _check_not_final(conclusion.round_id, conclusion.region_id)
    if conclusion.funded_entities.exists():
        raise AgreementError(
            _("Johtopäätökseen on liitetty rahoitettavia kokonaisuuksia; poista linkitys ensin.")
        )
    round_id, region_id = conclusion.round_id, conclusion.region_id
    conclusion.delete()
    refresh_drafts(user, round_id, region_id, _("Johtopäätös poistettu"))


@transaction.atomic
def set_conclusion_indicator(
    user,
    conclusion: Conclusion,
    indicator: Indicator,
    *,
    baseline_year: int | None = None,
    baseline_value: Decimal | None = None,
    target_year: int | None = None,
    target_value: Decimal | None = None,
) -> ConclusionIndicator:
    """Link an indicator the conclusion should move, with its baseline and an optional target."""
    require(user, "conclusion.record", conclusion)
    _check_not_final(conclusion.round_id, conclusion.region_id)
    if target_year and baseline_year and target_year < baseline_year:
        raise AgreementError(_("Tavoitevuosi ei voi olla ennen lähtötason vuotta."))
    if target_value is not None and not target_year:
        raise AgreementError(_("Anna tavoitteelle vuosi."))
    link = ConclusionIndicator.objects.filter(conclusion=conclusion, indicator_code=indicator.code).first()
    link = link or ConclusionIndicator(conclusion=conclusion, indicator_code=indicator.code)
    link.indicator = indicator
    link.indicator_name, link.unit = indicator.name_fi, indicator.unit_fi
    link.baseline_year, link.baseline_value = baseline_year, baseline_value
    link.target_year, link.target_value = target_year, target_value
    link.stamp(user)
    link.save()
    refresh_drafts(user, conclusion.round_id, conclusion.region_id, _("Indikaattori liitetty"))
    return link


@transaction.atomic
def remove_conclusion_indicator(user, link: ConclusionIndicator) -> None:
    conclusion = link.conclusion
    require(user, "conclusion.record", conclusion)
    _check_not_final(conclusion.round_id, conclusion.region_id)
    link.delete()
    refresh_drafts(user, conclusion.round_id, conclusion.region_id, _("Indikaattori poistettu"))


# ---------------------------------------------------------------------------------------------------
# Minutes per agenda item


def _write_minutes(
    user, round: Round, region: Region, agenda_item: AgendaItem, text_fi: str, text_sv: str, is_demo: bool
) -> AgendaItemMinutes | None:
    """Store (or clear, when both texts are empty) one item's minutes; the caller checked the rights."""
    text_fi, text_sv = (text_fi or "").strip(), (text_sv or "").strip()
    minutes = AgendaItemMinutes.objects.filter(round=round, region=region, agenda_item=agenda_item).first()
    if not text_fi and not text_sv:
        if minutes is not None:
            minutes._history_user = user
            minutes.delete()
        return None
    if not text_fi:
        raise AgreementError(
            _("Kohta ”%(item)s”: kirjoita muistio myös suomeksi.") % {"item": agenda_item.title}
        )
    if minutes is None:
        minutes = AgendaItemMinutes(round=round, region=region, agenda_item=agenda_item, is_demo=is_demo)
    elif minutes.text_fi == text_fi and minutes.text_sv == text_sv:
        return minutes
    minutes.text_fi, minutes.text_sv = text_fi, text_sv
    minutes.stamp(user)
    minutes.save()
    return minutes


@transaction.atomic
def save_minutes(
    user,
    round: Round,
    region: Region,
    texts: dict[int, tuple[str, str]],
    *,
    opened: dict[int, str] | None = None,
    is_demo: bool = False,
) -> list[AgendaItemMinutes]:
    """Write the minutes of a region's discussion item by item: {agenda item id: (Finnish, Swedish)}.

    The secretary's task, with the same right as recording conclusions. All items are saved together,
    so a draft document gets one new version; an item whose texts are both empty loses its minutes.
    Refused while a document covering the region is final. `opened` ({item id: digest}) names the texts
    the editor's form was opened on: an item changed by someone else since then is not overwritten, and
    nothing is saved (the message names the items).
    """
    require(user, "conclusion.record", RegionSubject(region.pk))
    _check_not_final(round.pk, region.pk)
    items = {item.pk: item for item in agenda_items_for(round.pk, region.pk)}
    unknown = [pk for pk in texts if pk not in items]
    if unknown:
        raise AgreementError(_("Agendan kohta ei kuulu maakunnan tämän kierroksen keskusteluun."))
    if opened is not None:
        # Items the editor left as they were are not written, so they cannot undo someone else's save.
        texts = {
            pk: pair
            for pk, pair in texts.items()
            if pk not in opened or AgendaItemMinutes.digest(*pair) != opened[pk]
        }
        current = {
            m.agenda_item_id: m.digest(m.text_fi, m.text_sv)
            for m in AgendaItemMinutes.objects.select_for_update().filter(round=round, region=region)
        }
        empty = AgendaItemMinutes.digest("", "")
        stale = [
            items[pk].title
            for pk, pair in texts.items()
            if pk in opened
            and current.get(pk, empty) != opened[pk]
            and current.get(pk, empty) != AgendaItemMinutes.digest(*pair)
        ]
        if stale:
            raise AgreementError(
                _(
                    "Joku muu on muuttanut muistiota sen jälkeen, kun avasit sivun: %(items)s. Mitään ei "
                    "tallennettu. Lataa sivu uudelleen ja tee muutoksesi tallennettuun tekstiin."
                )
                % {"items": ", ".join(f"”{title}”" for title in stale)}
            )
    saved = []
    for pk, (text_fi, text_sv) in texts.items():
        minutes = _write_minutes(user, round, region, items[pk], text_fi, text_sv, is_demo)
        if minutes is not None:
            saved.append(minutes)
    refresh_drafts(user, round.pk, region.pk, _("Muistio kirjattu"))
    return saved


@transaction.atomic
def record_minutes(
    user,
    round: Round,
    region: Region,
    agenda_item: AgendaItem,
    *,
    text_fi: str,
    text_sv: str = "",
    is_demo: bool = False,
) -> AgendaItemMinutes | None:
    """Write (or, with empty texts, clear) the minutes of one agenda item."""
    saved = save_minutes(user, round, region, {agenda_item.pk: (text_fi, text_sv)}, is_demo=is_demo)
    return saved[0] if saved else None


# ---------------------------------------------------------------------------------------------------
# Cooperation documents


def _prefill(document: CooperationDocument) -> None:
    """Standard sections start from what alke knows; the parties then edit the wording."""
    regions = document.all_regions()
    councils_fi = ", ".join(r.council_name_fi or r.name_fi for r in regions)
    councils_sv = ", ".join(r.council_name_sv or r.name_sv or r.name_fi for r in regions)
    document.parties_fi = (
        f"Valtio: työ- ja elinkeinoministeriö koordinoi ministeriöiden puolesta.\n\nMaakunta: {councils_fi}."
    )
    document.parties_sv = f"Staten: arbets- och näringsministeriet samordnar på ministeriernas vägnar.\n\nLandskapet: {councils_sv}."
    own = [
        item.title
        for item in agenda_items_for(document.round_id, document.region_id)
        if item.source != "common_theme"
    ]
    document.own_themes_fi = "\n\n".join(dict.fromkeys(own))
    theme = document.round.common_theme
    if theme is not None:
        document.common_theme_fi = theme.name_fi
        document.common_theme_sv = theme.name_sv
    document.followup_fi = (
        "Johtopäätösten toteutumista seurataan alueiden uudistumisen neuvottelukunnassa (AUNE) sekä osana "
        "valtion ja maakunnan välistä jatkuvaa vuoropuhelua. Vastuutahot raportoivat edistymisestä alkessa."
    )
    document.followup_sv = (
        "Genomförandet av slutsatserna följs upp i delegationen för regional förnyelse (AUNE) och som en del "
        "av den fortlöpande dialogen mellan staten och landskapet. De ansvariga rapporterar framstegen i alke."
    )


@transaction.atomic
def create_document(
    user,
    round: Round,
    region: Region,
    *,
    other_regions: Iterable[Region] = (),
    include_swedish: bool = False,
    is_demo: bool = False,
) -> CooperationDocument:
    """Start the draft cooperation document of a region (or of a joint session led by `region`)."""
    others = [r for r in other_regions if r.pk != region.pk]
    for participant in [region, *others]:
        require(user, "document.edit", RegionSubject(participant.pk))
    kind = CooperationDocument.Kind.JOINT if others else CooperationDocument.Kind.REGION
    if (
        kind == CooperationDocument.Kind.REGION
        and CooperationDocument.objects.filter(round=round, region=region, kind=kind).exists()
    ):
        raise AgreementError(
            _("Maakunnalla %(region)s on jo yhteistyöasiakirja kierroksella %(round)s.")
            % {"region": region.name, "round": round.name}
        )
    document = CooperationDocument(
        round=round, region=region, kind=kind, include_swedish=include_swedish, is_demo=is_demo
    )
    document.stamp(user)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        raise AgreementError(
            _("Maakunnalla %(region)s on jo yhteistyöasiakirja kierroksella %(round)s.")
            % {"region": region.name, "round": round.name}
        ) from None
    if others:
        document.other_regions.set(others)
    _prefill(document)
    document.save()
    _new_version(user, document, compose(document), _("Luonnos aloitettu"))
    return document


def _new_version(
    user, document: CooperationDocument, content: dict, note: str, reason: str = ""
) -> DocumentVersion:
    last = document.versions.aggregate(m=Max("number"))["m"] or 0
    version = DocumentVersion(
        document=document, number=last + 1, content=content, note=note, reopen_reason=reason
    )
    version.stamp(user)
    version.save()
    return version


def refresh_version(user, document: CooperationDocument, note: str) -> DocumentVersion:
    """Keep a new version when the composed content differs from the latest one (drafts only)."""
    latest = document.latest_version()
    content = compose(document)
    if latest is not None and latest.content == content:
        return latest
    if document.is_final:
        raise DocumentFrozen(document)
    return _new_version(user, document, content, note)


def refresh_drafts(user, round_id: int, region_id: int, note: str) -> None:
    """A conclusion or the funding changed: each draft document covering the region gets a new version."""
    for document in documents_covering(round_id, region_id):
        if not document.is_final:
            refresh_version(user, document, note)


@transaction.atomic
def save_document(
    user, document: CooperationDocument, expected_lock_version: int, data: dict[str, Any], note: str = ""
) -> CooperationDocument:
    """Save the edited sections of a draft, refusing a stale save (optimistic locking).

    `expected_lock_version` is the lock_version the editor's form was opened on. The row is locked for
    the check (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions serialise writers),
    so of two people who opened the same draft only the first save wins and the second is told.
    """
    require(user, "document.edit", document)
    current = CooperationDocument.objects.select_for_update().get(pk=document.pk)
    if current.is_final:
        raise AgreementError(_frozen_message(current))
    if current.lock_version != expected_lock_version:
        who = current.modified_by or _("toinen käyttäjä")
        raise EditConflict(
            _(
                "%(who)s tallensi asiakirjaan muutoksia sen jälkeen, kun avasit sen. Tekstisi on tallessa "
                "alla olevassa lomakkeessa: vertaa sitä tallennettuun versioon ja tallenna uudelleen."
            )
            % {"who": who},
            current,
        )
    allowed = {f"{name}_{lang}" for name in CooperationDocument.SECTION_FIELDS for lang in ("fi", "sv")}
    allowed.add("include_swedish")
    for key, value in data.items():
        if key not in allowed:
            raise AgreementError(_("Tuntematon kenttä: %(field)s") % {"field": key})
        setattr(current, key, value.strip() if isinstance(value, str) else value)
    current.lock_version += 1
    current.stamp(user)
    current.save()
    refresh_version(user, current, note.strip() or _("Luonnosta muokattu"))
    return current


def _approving_region(user, document: CooperationDocument) -> Region:
    for region in document.all_regions():
        if can(user, "document.approve_region", region):
            return region
    require(user, "document.approve_region", document)  # raises PermissionDenied
    raise AssertionError("unreachable")


@transaction.atomic
def approve(user, document: CooperationDocument, version_number: int, party: str) -> DocumentApproval:
    """Approve `version_number` for the state or for the user's regional council.

    The approver names the version they read: if the draft has moved on since, the approval is refused
    so nobody approves text they have not seen. When the state and every regional council have approved
    the same version, the document becomes final.
    """
    document = CooperationDocument.objects.select_for_update().get(pk=document.pk)
    if party == DocumentApproval.Party.STATE:
        require(user, "document.approve_state", document)
        region = None
    elif party == DocumentApproval.Party.REGION:
        region = _approving_region(user, document)
    else:
        raise AgreementError(_("Tuntematon osapuoli."))
    if document.is_final:
        raise AgreementError(_("Asiakirja on jo hyväksytty."))
    latest = refresh_version(user, document, _("Sisältö päivittyi ennen hyväksyntää"))
    if latest.number != version_number:
        raise AgreementError(
            _(
                "Hyväksyit version %(old)s, mutta asiakirjasta on nyt versio %(new)s. Tutustu muutoksiin "
                "ja hyväksy uusin versio."
            )
            % {"old": version_number, "new": latest.number}
        )
    existing = latest.approvals.filter(party=party, region=region).first()
    if existing is not None:
        raise AgreementError(_("Tämä osapuoli on jo hyväksynyt version %(n)s.") % {"n": latest.number})
    approval = DocumentApproval(
        version=latest, party=party, region=region, approved_by=user, approved_at=timezone.now()
    )
    approval.stamp(user)
    approval.save()
    _finalise_if_agreed(user, document, latest)
    return approval


def _finalise_if_agreed(user, document: CooperationDocument, version: DocumentVersion) -> None:
    approvals = list(version.approvals.all())
    state = any(a.party == DocumentApproval.Party.STATE for a in approvals)
    regions = {a.region_id for a in approvals if a.party == DocumentApproval.Party.REGION}
    if state and all(r.pk in regions for r in document.all_regions()):
        document.status = CooperationDocument.Status.FINAL
        document.final_version = version
        document.stamp(user)
        document.save()


def approval_state(document: CooperationDocument, version: DocumentVersion | None) -> dict[str, Any]:
    """Who has approved `version`, and who is still to approve it."""
    approvals = list(version.approvals.select_related("region", "approved_by")) if version else []
    state = next((a for a in approvals if a.party == DocumentApproval.Party.STATE), None)
    regions = []
    for region in document.all_regions():
        regions.append((region, next((a for a in approvals if a.region_id == region.pk), None)))
    return {"state": state, "regions": regions}


@transaction.atomic
def reopen(user, document: CooperationDocument, reason: str) -> DocumentVersion:
    """Open a final document for changes: the reason is recorded and a new version needs new approvals."""
    require(user, "document.reopen", document)
    document = CooperationDocument.objects.select_for_update().get(pk=document.pk)
    if not document.is_final:
        raise AgreementError(_("Vain hyväksytyn asiakirjan voi avata uudelleen."))
    if not (reason or "").strip():
        raise AgreementError(_("Kirjaa syy, miksi hyväksytty asiakirja avataan uudelleen."))
    final = document.final_version
    document.status = CooperationDocument.Status.DRAFT
    document.final_version = None
    document.lock_version += 1
    document.stamp(user)
    document.save()
    return _new_version(
        user,
        document,
        final.content if final else compose(document),
        _("Avattu uudelleen"),
        reason=reason.strip(),
    )


@transaction.atomic
def publish(user, document: CooperationDocument) -> CooperationDocument:
    """Publish the final version on the public page (the previous publication is replaced)."""
    require(user, "document.publish", document)
    document = CooperationDocument.objects.select_for_update().get(pk=document.pk)
    if not document.is_final:
        raise AgreementError(_("Vain molempien osapuolten hyväksymän asiakirjan voi julkaista."))
    document.published_version = document.final_version
    document.published_at = timezone.now()
    document.stamp(user)
    document.save()
    return document


@transaction.atomic
def add_comment(user, document: CooperationDocument, text: str) -> DocumentComment:
    require(user, "document.comment", document)
    if document.is_final:
        raise AgreementError(_("Hyväksyttyä asiakirjaa ei voi enää kommentoida."))
    if not (text or "").strip():
        raise AgreementError(_("Kirjoita kommentti."))
    comment = DocumentComment(
        document=document, version=document.latest_version(), author=user, text=text.strip()
    )
    comment.stamp(user)
    comment.save()
    return comment


# ---------------------------------------------------------------------------------------------------
# The AKKE appropriation


@transaction.atomic
def set_appropriation(
    user,
    round: Round,
    *,
    total: Any,
    budget_item: str = "32.30.40",
    name: str = "",
    equal_share_percent: Any = Decimal("70"),
    decision_reference: str = "",
    is_demo: bool = False,
) -> Appropriation:
    """Create or change a round's appropriation; the total may not fall below what is allocated."""
    require(user, "funding.manage")
    amount = _money(total, _("Määräraha"))
    if amount <= 0:
        raise AgreementError(_("Määrärahan pitää olla suurempi kuin nolla."))
    percent = Decimal(str(equal_share_percent))
    if not Decimal("0") <= percent <= Decimal("100"):
        raise AgreementError(_("Tasan jaettavan osuuden pitää olla 0–100 %."))
    appropriation = Appropriation.objects.filter(round=round, budget_item=budget_item).first()
    if appropriation is None:
        appropriation = Appropriation(round=round, budget_item=budget_item, is_demo=is_demo)
    else:
        allocated = appropriation.allocations.aggregate(s=Sum("amount"))["s"] or Decimal("0")
        if amount < allocated:
            raise AgreementError(
                _("Maakunnille on jo kohdennettu %(allocated)s, joten määräraha ei voi olla %(total)s.")
                % {"allocated": format_euros(allocated, "fi"), "total": format_euros(amount, "fi")}
            )
    appropriation.total = amount
    appropriation.equal_share_percent = percent
    if name:
        appropriation.name = name
    appropriation.decision_reference = decision_reference
    appropriation.stamp(user)
    appropriation.save()
    return appropriation


def formula_split(
    total: Decimal, equal_share_percent: Decimal, populations: dict[Any, int]
) -> dict[Any, Decimal]:
    """Split `total` so that `equal_share_percent` goes in equal shares and the rest by population.

    Exact to the cent: shares are computed as fractions, floored to cents and the remaining cents go to
    the largest remainders (ties by key), so the parts always add up to the total.
    """
    if not populations:
        return {}
    cents = int((total / CENT).to_integral_value())
    equal = Fraction(cents) * Fraction(equal_share_percent) / 100
    by_population = Fraction(cents) - equal
    population_total = sum(populations.values())
    exact = {
        key: equal / len(populations) + (by_population * pop / population_total if population_total else 0)
        for key, pop in populations.items()
    }
    floors = {key: int(value) for key, value in exact.items()}
    remaining = cents - sum(floors.values())
    order = sorted(exact, key=lambda k: (-(exact[k] - floors[k]), str(k)))
    for key in order[:remaining]:
        floors[key] += 1
    return {key: Decimal(value) * CENT for key, value in floors.items()}


@transaction.atomic
def propose_split(user, appropriation: Appropriation) -> dict[str, Decimal]:
    """Compute the formula's proposal for every mainland region from real population data."""
    require(user, "funding.manage")
    used_year, population = population_by_region(appropriation.round.year - 1)
    regions = list(Region.objects.mainland())
    missing = [r.name for r in regions if r.code not in population]
    if missing:
        raise AgreementError(
            _("Väkiluku puuttuu vuodelta %(year)s: %(regions)s")
            % {"year": used_year, "regions": ", ".join(missing)}
        )
    split = formula_split(
        appropriation.total, appropriation.equal_share_percent, {r.code: population[r.code] for r in regions}
    )
    for region in regions:
        allocation = RegionAllocation.objects.filter(appropriation=appropriation, region=region).first()
        allocation = allocation or RegionAllocation(appropriation=appropriation, region=region)
        allocation.population = population[region.code]
        allocation.proposed_amount = split[region.code]
        allocation.stamp(user)
        allocation.save()
    appropriation.population_year = used_year
    appropriation.stamp(user)
    appropriation.save()
    return split


@transaction.atomic
def set_allocations(user, appropriation: Appropriation, amounts: dict[int, Any]) -> None:
    """Set the agreed amount of each region (region id -> euros), all or nothing.

    Refused when the regions together would exceed the appropriation, when a region would fall below
    the entities already agreed for it, or when a region's cooperation document is final.
    """
    require(user, "funding.manage")
    appropriation = Appropriation.objects.select_for_update().get(pk=appropriation.pk)
    current = {a.region_id: a for a in appropriation.allocations.select_related("region")}
    regions = {r.pk: r for r in Region.objects.filter(pk__in=amounts)}
    new_values: dict[int, Decimal] = {}
    for region_id, raw in amounts.items():
        region = regions[region_id]
        value = _money(raw, region.name)
        if value < 0:
            raise AgreementError(_("%(region)s: summa ei voi olla negatiivinen.") % {"region": region.name})
        new_values[region_id] = value
    total = sum((new_values.get(rid, a.amount) for rid, a in current.items()), Decimal("0")) + sum(
        (v for rid, v in new_values.items() if rid not in current), Decimal("0")
    )
    if total > appropriation.total:
        raise AgreementError(
            _(
                "Maakunnille kohdennettaisiin yhteensä %(total)s, mutta määrärahaa on %(available)s. "
                "Vähennä %(over)s."
            )
            % {
                "total": format_euros(total, "fi"),
                "available": format_euros(appropriation.total, "fi"),
                "over": format_euros(total - appropriation.total, "fi"),
            }
        )
    for region_id, value in new_values.items():
        allocation = current.get(region_id) or RegionAllocation(
            appropriation=appropriation, region_id=region_id
        )
        if allocation.pk and allocation.amount == value:
            continue
        _check_not_final(appropriation.round_id, region_id)
        agreed = allocation.entities.aggregate(s=Sum("amount"))["s"] if allocation.pk else None
        if agreed and value < agreed:
            raise AgreementError(
                _("%(region)s: kokonaisuuksiin on jo sovittu %(agreed)s, joten osuus ei voi olla %(value)s.")
                % {
                    "region": regions[region_id].name,
                    "agreed": format_euros(agreed, "fi"),
                    "value": format_euros(value, "fi"),
                }
            )
        allocation.amount = value
        allocation.stamp(user)
        allocation.save()
        refresh_drafts(user, appropriation.round_id, region_id, _("Rahoitus muuttui"))


@transaction.atomic
def adopt_proposal(user, appropriation: Appropriation) -> None:
    """Make the formula's proposal the agreed split (the coordinator then adjusts single regions)."""
    amounts = {a.region_id: a.proposed_amount for a in appropriation.allocations.all()}
    if not amounts:
        raise AgreementError(_("Laske kaavan mukainen ehdotus ensin."))
    set_allocations(user, appropriation, amounts)


@transaction.atomic
def save_entity(
    user,
    allocation: RegionAllocation,
    *,
    name_fi: str,
    amount: Any,
    name_sv: str = "",
    recipient: str = "",
    conclusion: Conclusion | None = None,
    entity: FundedEntity | None = None,
    is_demo: bool = False,
) -> FundedEntity:
    """Add or change an agreed entity; a region's entities may not exceed its share."""
    require(user, "funding.manage", allocation)
    allocation = (
        RegionAllocation.objects.select_for_update()
        .select_related("region", "appropriation")
        .get(pk=allocation.pk)
    )
    _check_not_final(allocation.appropriation.round_id, allocation.region_id)
    if not (name_fi or "").strip():
        raise AgreementError(_("Anna kokonaisuudelle nimi."))
    value = _money(amount, _("Summa"))
    if value <= 0:
        raise AgreementError(_("Kokonaisuuden summan pitää olla suurempi kuin nolla."))
    if conclusion is not None and (
        conclusion.region_id != allocation.region_id
        or conclusion.round_id != allocation.appropriation.round_id
    ):
        raise AgreementError(_("Johtopäätös kuuluu toiselle maakunnalle tai kierrokselle."))
    others = allocation.entities.exclude(pk=entity.pk if entity else None).aggregate(s=Sum("amount"))["s"]
    total = (others or Decimal("0")) + value
    if total > allocation.amount:
        raise AgreementError(
            _(
                "Maakunnan %(region)s kokonaisuudet olisivat yhteensä %(total)s, mutta maakunnalle on "
                "kohdennettu %(available)s. Käytettävissä on vielä %(left)s."
            )
            % {
                "region": allocation.region.name,
                "total": format_euros(total, "fi"),
                "available": format_euros(allocation.amount, "fi"),
                "left": format_euros(allocation.amount - (others or Decimal("0")), "fi"),
            }
        )
    if entity is not None:
        committed = entity_balance(entity).net_committed
        if value < committed:
            raise AgreementError(
                _("Kokonaisuuteen on jo sidottu %(committed)s; summa ei voi olla sitä pienempi.")
                % {"committed": format_euros(committed, "fi")}
            )
    else:
        last = allocation.entities.aggregate(m=Max("order"))["m"] or 0
        entity = FundedEntity(allocation=allocation, order=last + 1, is_demo=is_demo)
    entity.name_fi, entity.name_sv = name_fi.strip(), (name_sv or "").strip()
    entity.recipient, entity.amount, entity.conclusion = (recipient or "").strip(), value, conclusion
    entity.stamp(user)
    entity.save()
    refresh_drafts(user, allocation.appropriation.round_id, allocation.region_id, _("Rahoitus muuttui"))
    return entity


@transaction.atomic
def delete_entity(user, entity: FundedEntity) -> None:
    require(user, "funding.manage", entity)
    allocation = entity.allocation
    _check_not_final(allocation.appropriation.round_id, allocation.region_id)
    if entity.ledger.exists():
        raise AgreementError(_("Kokonaisuudella on kirjauksia, joten sitä ei voi poistaa."))
    entity.delete()
    refresh_drafts(user, allocation.appropriation.round_id, allocation.region_id, _("Rahoitus muuttui"))


@transaction.atomic
def record_ledger_entry(
    user,
    entity: FundedEntity,
    *,
    kind: str,
    amount: Any,
    booked_on: date,
    reference: str,
    note: str = "",
    is_demo: bool = False,
) -> LedgerEntry:
    """Book a commitment, payment or released commitment; balances may never go negative."""
    require(user, "ledger.record", entity)
    entity = FundedEntity.objects.select_for_update().get(pk=entity.pk)
    value = _money(amount, _("Summa"))
    if value <= 0:
        raise AgreementError(_("Kirjauksen summan pitää olla suurempi kuin nolla."))
    if not (reference or "").strip():
        raise AgreementError(_("Anna kirjaukselle viite (päätöksen tai maksun tunniste)."))
    if kind not in LedgerEntry.Kind.values:
        raise AgreementError(_("Tuntematon kirjauslaji."))
    balance = entity_balance(entity)
    if kind == LedgerEntry.Kind.COMMITMENT and value > balance.uncommitted:
        raise AgreementError(
            _("Sidottavaa on jäljellä %(left)s; %(value)s ylittää kokonaisuuden summan.")
            % {"left": format_euros(balance.uncommitted, "fi"), "value": format_euros(value, "fi")}
        )
    if kind == LedgerEntry.Kind.PAYMENT and value > balance.unpaid:
        raise AgreementError(
            _("Sidottua maksamatta on %(left)s; maksu %(value)s on sitä suurempi.")
            % {"left": format_euros(balance.unpaid, "fi"), "value": format_euros(value, "fi")}
        )
    if kind == LedgerEntry.Kind.RELEASE and value > balance.unpaid:
        raise AgreementError(
            _("Vapautettavissa on enintään maksamaton sidonta %(left)s.")
            % {"left": format_euros(balance.unpaid, "fi")}
        )
    entry = LedgerEntry(
        entity=entity,
        kind=kind,
        amount=value,
        booked_on=booked_on,
        reference=reference.strip(),
        note=(note or "").strip(),
        is_demo=is_demo,
    )
    entry.stamp(user)
    entry.save()
    return entry
