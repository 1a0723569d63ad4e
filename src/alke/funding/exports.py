"""Files: the round's funding as XLSX (regions, entities with balances, every ledger entry)."""

from __future__ import annotations

import io
from datetime import date

from django.utils.translation import gettext as _

from alke.agreements.exports import _sheet
from alke.funding.selectors import FundingSummary


def funding_xlsx(summary: FundingSummary, entries: list) -> bytes:
    """The round's funding: regions, entities with balances, and every ledger entry."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    appropriation = summary.appropriation
    _sheet(
        wb,
        _("Maakunnat"),
        [
            _("Maakunta"),
            _("Väkiluku"),
            _("Kaavan ehdotus (€)"),
            _("Kohdennettu (€)"),
            _("Kokonaisuuksiin (€)"),
            _("Sidottu (€)"),
            _("Maksettu (€)"),
        ],
        [
            [
                r.allocation.region.name,
                r.allocation.population,
                r.allocation.proposed_amount,
                r.allocation.amount,
                r.entities_total,
                r.committed,
                r.paid,
            ]
            for r in summary.regions
        ]
        + [
            [
                _("Yhteensä"),
                None,
                summary.proposed,
                summary.allocated,
                summary.entities_total,
                summary.committed,
                summary.paid,
            ]
        ],
        {3, 4, 5, 6, 7},
    )
    _sheet(
        wb,
        _("Kokonaisuudet"),
        [
            _("Maakunta"),
            _("Kokonaisuus"),
            _("Toteuttaja"),
            _("Summa (€)"),
            _("Sidottu (€)"),
            _("Maksettu (€)"),
            _("Sitomatta (€)"),
            _("Maksamatta (€)"),
        ],
        [
            [
                r.allocation.region.name,
                b.entity.name_fi,
                b.entity.recipient,
                b.entity.amount,
                b.net_committed,
                b.paid,
                b.uncommitted,
                b.unpaid,
            ]
            for r in summary.regions
            for b in r.entities
        ],
        {4, 5, 6, 7, 8},
    )
    _sheet(
        wb,
        _("Kirjaukset"),
        [_("Maakunta"), _("Kokonaisuus"), _("Päivä"), _("Laji"), _("Summa (€)"), _("Viite"), _("Lisätieto")],
        [
            [
                e.entity.allocation.region.name,
                e.entity.name_fi,
                e.booked_on,
                e.get_kind_display(),
                e.amount,
                e.reference,
                e.note,
            ]
            for e in entries
        ],
        {5},
    )
    info = wb.create_sheet(_("Tiedot"))
    info.append([_("Kierros"), appropriation.round.name])
    info.append([_("Momentti"), appropriation.budget_item])
    info.append([_("Määräraha"), appropriation.name])
    info.append([_("Määräraha yhteensä (€)"), appropriation.total])
    info.append([_("Kohdentamatta (€)"), summary.unallocated])
    info.append([_("Väkiluvun vuosi (THL Sotkanet)"), appropriation.population_year])
    info.append([_("Muodostettu"), date.today()])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
