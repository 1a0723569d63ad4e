"""Conclusions of a discussion and the indicators they should move."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from alke.agenda.models import AgendaItem
from alke.agreements.models import (
    Conclusion,
    ConclusionIndicator,
)
from alke.agreements.selectors import agenda_items_for
from alke.agreements.services.base import AgreementError, RegionSubject, _check_not_final
from alke.agreements.services.documents import refresh_drafts
from alke.core.permissions import require
from alke.regions.models import Ministry, Organisation, Region
from alke.rounds.models import Round
from alke.situation.models import Indicator


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
