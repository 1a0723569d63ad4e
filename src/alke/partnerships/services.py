"""Writes of the partnership register. Every write checks its permission on the server:

- `partnership.manage` (coordinators): create records, publish or hide them, change who
  coordinates, periods, generations and regions;
- `partnership.edit_own` (coordinators, and contacts of the record's own organisations): the
  content (description, goals, results, members), funding rows, contacts and documents.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alke.core.domain import DomainError
from alke.core.permissions import require
from alke.partnerships.models import (
    Contact,
    DevelopmentZone,
    Document,
    EcosystemAgreement,
    Funding,
    RecordDetail,
    ThematicNetwork,
)
from alke.regions.models import Organisation

FIRST_YEAR, LAST_YEAR = 2010, 2040


class PartnershipError(DomainError):
    """Input that the register cannot accept; the message names the problem."""


def _parent_kwargs(record) -> dict[str, Any]:
    if isinstance(record, EcosystemAgreement):
        return {"agreement": record}
    if isinstance(record, ThematicNetwork):
        return {"network": record}
    if isinstance(record, DevelopmentZone):
        return {"zone": record}
    raise TypeError(f"not a partnership record: {record!r}")


CONTENT_FIELDS = ("description", "goals", "results")


@transaction.atomic
def update_content(user, record, *, member_organisations=None, **values: str):
    """Change what a record says (description, goals, results) and who its members are.

    Content written by a person is real content: its demo flag is cleared for the fields changed.
    """
    require(user, "partnership.edit_own", record)
    unknown = set(values) - set(CONTENT_FIELDS)
    if unknown:
        raise PartnershipError(_("Tuntemattomat kentät: %s") % ", ".join(sorted(unknown)))
    changed = [name for name, value in values.items() if getattr(record, name) != value.strip()]
    for name in changed:
        setattr(record, name, values[name].strip())
    if changed:
        record.demo_fields = [f for f in record.demo_fields if f not in changed]
        record.stamp(user)
        record.save()
    if member_organisations is not None:
        if isinstance(record, EcosystemAgreement):
            # An agreement's member cities are its contracting parties and may edit it, so
            # changing them hands out edit rights: coordinators only.
            before = set(record.member_organisations.filter(kind="city").values_list("pk", flat=True))
            after = {o.pk for o in member_organisations if o.kind == "city"}
            if before != after:
                require(user, "partnership.manage", record)
        record.member_organisations.set(member_organisations)
        record.demo_fields = [f for f in record.demo_fields if f != "member_organisations"]
        record.stamp(user)
        record.save(update_fields=["demo_fields", "modified_by", "modified_at"])
    return record


@transaction.atomic
def update_frame(user, record, **values: Any):
    """Coordinator-only changes: period, status, generation, predecessor, regions, focus areas,
    frameworks, coordinator, publication."""
    require(user, "partnership.manage", record)
    m2m = {k: values.pop(k) for k in ("regions", "focus_areas", "frameworks") if k in values}
    for name, value in values.items():
        setattr(record, name, value)
    start, end = getattr(record, "period_start", None), getattr(record, "period_end", None)
    if start and end and end < start:
        raise PartnershipError(
            _("Kausi päättyy ennen kuin se alkaa (%(start)s – %(end)s).") % {"start": start, "end": end}
        )
    if (
        isinstance(record, EcosystemAgreement)
        and record.predecessor_id
        and record.pk
        and (record.predecessor_id == record.pk or record in record.predecessor.lineage())
    ):
        raise PartnershipError(_("Sopimus ei voi edeltää itseään."))
    record.stamp(user)
    record.save()
    for name, items in m2m.items():
        getattr(record, name).set(items)
    return record


@transaction.atomic
def create_agreement(user, **values: Any) -> EcosystemAgreement:
    """A new agreement record (any generation); coordinators only."""
    require(user, "partnership.manage")
    m2m = {k: values.pop(k) for k in ("regions", "focus_areas", "frameworks") if k in values}
    if EcosystemAgreement.objects.filter(slug=values.get("slug")).exists():
        raise PartnershipError(_("Tunniste %s on jo käytössä.") % values.get("slug"))
    agreement = EcosystemAgreement(**values)
    if agreement.period_end < agreement.period_start:
        raise PartnershipError(_("Kausi päättyy ennen kuin se alkaa."))
    agreement.stamp(user)
    agreement.save()
    for name, items in m2m.items():
        getattr(agreement, name).set(items)
    return agreement


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise PartnershipError(_("Vuosi on annettava numerona, esimerkiksi 2024.")) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PartnershipError(
            _("Vuoden on oltava välillä %(first)s–%(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def _amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value).replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        raise PartnershipError(_("Summa on annettava euroina, esimerkiksi 125000,00.")) from None
    if amount < 0:
        raise PartnershipError(_("Summa ei voi olla negatiivinen."))
    if amount != amount.quantize(Decimal("0.01")):
        raise PartnershipError(_("Summassa voi olla enintään kaksi desimaalia."))
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def set_funding(
    user, record, *, source: str, year: Any, amount: Any, note: str = "", is_demo: bool = False
) -> Funding:
    """Record (or correct) the funding of `record` from `source` in `year`."""
    require(user, "partnership.edit_own", record)
    if source not in Funding.Source.values:
        raise PartnershipError(_("Tuntematon rahoituslähde: %s") % source)
    year, amount = _year(year), _amount(amount)
    parent = _parent_kwargs(record)
    funding = Funding.objects.filter(**parent, source=source, year=year).first()
    if funding is None:
        funding = Funding(**parent, source=source, year=year)
    funding.amount, funding.note, funding.is_demo = amount, note.strip(), is_demo
    funding.stamp(user)
    funding.save()
    return funding


@transaction.atomic
def add_contact(
    user,
    record,
    *,
    name: str,
    title: str = "",
    organisation: Organisation | None = None,
    email: str = "",
    phone: str = "",
    is_demo: bool = False,
) -> Contact:
    """Add a contact person. A contact of another organisation makes that organisation one of the
    record's own, so only coordinators may add one; contacts add people of their own organisations."""
    require(user, "partnership.edit_own", record)
    if not name.strip():
        raise PartnershipError(_("Yhteyshenkilön nimi puuttuu."))
    own = set(record.permission_organisations())
    if organisation is not None and organisation.pk not in own:
        require(user, "partnership.manage", record)
    contact = Contact(
        **_parent_kwargs(record),
        name=name.strip(),
        title=title.strip(),
        organisation=organisation,
        email=email.strip(),
        phone=phone.strip(),
        is_demo=is_demo,
    )
    contact.full_clean(exclude=["agreement", "network", "zone"])
    contact.stamp(user)
    contact.save()
    return contact


@transaction.atomic
def add_document(
    user, record, *, title: str, url: str, published_on: date | None = None, is_demo: bool = False
) -> Document:
    """Link a published document (agreement text, report) to the record."""
    require(user, "partnership.edit_own", record)
    if not title.strip():
        raise PartnershipError(_("Asiakirjan otsikko puuttuu."))
    document = Document(
        **_parent_kwargs(record),
        title=title.strip(),
        url=url.strip(),
        published_on=published_on,
        is_demo=is_demo,
    )
    try:
        document.full_clean(exclude=["agreement", "network", "zone"])
    except ValidationError as exc:
        if "url" in getattr(exc, "error_dict", {}):
            raise PartnershipError(_("Osoite ei kelpaa: %s") % url) from None
        raise
    document.stamp(user)
    document.save()
    return document


@transaction.atomic
def remove_detail(user, detail: RecordDetail) -> None:
    """Remove a funding row, contact or document; the history keeps what it was."""
    require(user, "partnership.edit_own", detail.record)
    detail.stamp(user)
    detail.delete()
