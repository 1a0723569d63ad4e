"""The minutes of a discussion, item by item of its agenda."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from alke.agenda.models import AgendaItem
from alke.agreements.models import (
    AgendaItemMinutes,
)
from alke.agreements.selectors import agenda_items_for
from alke.agreements.services.base import AgreementError, RegionSubject, _check_not_final
from alke.agreements.services.documents import refresh_drafts
from alke.core.permissions import require
from alke.regions.models import Region
from alke.rounds.models import Round


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
