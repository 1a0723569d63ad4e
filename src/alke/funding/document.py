"""The AKKE funding's section of every cooperation document: composed into each version, then laid out.

The agreements app places it among the document's standard sections (`DOCUMENT_SECTIONS`); what a
version holds is plain JSON, so a version does not change when the allocation does.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from alke.agreements.content import DocumentSection, TableRow, format_euros, pick
from alke.agreements.models import CooperationDocument
from alke.funding.models import Appropriation, RegionAllocation
from alke.funding.selectors import appropriation_for


def _money(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def compose(document: CooperationDocument, region_ids: list[int]) -> dict[str, Any] | None:
    """The round's appropriation and the regions' allocations with their entities; None without one."""
    appropriation: Appropriation | None = appropriation_for(document.round_id)
    if appropriation is None:
        return None
    lines = []
    allocations = (
        RegionAllocation.objects.filter(appropriation=appropriation, region_id__in=region_ids)
        .select_related("region")
        .prefetch_related("entities")
    )
    for allocation in allocations:
        lines.append(
            {
                "region": allocation.region.code,
                "region_fi": allocation.region.name_fi,
                "region_sv": allocation.region.name_sv,
                "amount": _money(allocation.amount),
                "entities": [
                    {
                        "name_fi": e.name_fi,
                        "name_sv": e.name_sv,
                        "recipient": e.recipient,
                        "amount": _money(e.amount),
                    }
                    for e in allocation.entities.all()
                ],
            }
        )
    return {
        "budget_item": appropriation.budget_item,
        "name": appropriation.name,
        "decision": appropriation.decision_reference,
        "regions": lines,
        "total": _money(sum((Decimal(line["amount"]) for line in lines), Decimal("0"))),
    }


def view(funding: dict | None, lang: str) -> tuple[list[str], list[TableRow], str]:
    """The section in `lang`: what is allocated from which item, and the entities with their sums."""
    if not funding:
        return [_("Määrärahaa ei ole kohdennettu tällä kierroksella.")], [], ""
    intro = [
        _("Momentilta %(item)s (%(name)s) kohdennetaan sovittuihin kokonaisuuksiin yhteensä %(total)s.")
        % {
            "item": funding["budget_item"],
            "name": funding["name"],
            "total": format_euros(funding["total"], lang),
        }
    ]
    if funding.get("decision"):
        intro.append(_("Päätös: %(decision)s") % {"decision": funding["decision"]})
    rows: list[TableRow] = []
    multiple = len(funding["regions"]) > 1
    for line in funding["regions"]:
        for entity in line["entities"]:
            rows.append(
                TableRow(
                    pick(entity, "name", lang), entity["recipient"], format_euros(entity["amount"], lang)
                )
            )
        assigned = sum((Decimal(e["amount"]) for e in line["entities"]), Decimal("0"))
        rest = Decimal(line["amount"]) - assigned
        if rest > 0:
            rows.append(TableRow(_("Kohdentamatta kokonaisuuksiin"), "", format_euros(rest, lang)))
        if multiple:
            rows.append(
                TableRow(
                    _("%(region)s yhteensä") % {"region": pick(line, "region", lang)},
                    "",
                    format_euros(line["amount"], lang),
                    is_total=True,
                )
            )
    rows.append(TableRow(_("Yhteensä"), "", format_euros(funding["total"], lang), is_total=True))
    caption = _("Kokonaisuudet ja summat")
    return intro, rows, caption


SECTION = DocumentSection(
    60,
    "funding",
    lambda: _("Sopimuksellisen yhteistyön määrärahan kohdentuminen"),
    compose,
    view,
)
