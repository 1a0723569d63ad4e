"""Demo content: invented analysis texts (flagged demo) quoting the real statistics.

The statistics themselves are real data loaded by `alke load-reference` (services.load_snapshot)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from alke.regions.models import Organisation, Region
from alke.rounds.models import Round
from alke.situation.models import Analysis
from alke.situation.picture import fmt
from alke.situation.selectors import indicator_value

DEMO_REGIONS = ["MK02", "MK04", "MK15", "MK19"]


def _texts(region: Region) -> dict[str, str]:
    """Invented expert texts that quote the region's real indicator values."""
    pop = indicator_value(region.code, "population")
    change5 = indicator_value(region.code, "population-change-5y")
    country5 = indicator_value("SSS", "population-change-5y")
    unemp = indicator_value(region.code, "unemployment-rate")
    yoy = indicator_value(region.code, "unemployment-rate-yoy")
    growing = indicator_value(region.code, "growing-municipalities")
    direction = "kasvanut" if change5 and change5 > 0 else "vähentynyt"
    return {
        Analysis.Section.RECENT: (
            f"Maakunnan väkiluku oli vuoden 2022 lopussa {fmt(pop, 0)}. Väestö on viidessä vuodessa {direction} "
            f"{fmt(abs(change5) if change5 is not None else None, 1)} % (koko maa {fmt(country5, 1, signed=True)} %). "
            f"Kasvavia kuntia oli {fmt(growing, 0)} % maakunnan kunnista."
        ),
        Analysis.Section.PRESENT: (
            f"Työttömien työnhakijoiden osuus työvoimasta oli vuonna 2019 keskimäärin {fmt(unemp, 1)} %. "
            f"Lokakuussa 2020 osuus oli {fmt(yoy, 1)} prosenttiyksikköä vuodentakaista suurempi "
            "koronapandemian lomautusten vuoksi. Osaavan työvoiman saatavuus on silti yritysten yleisin kasvun este."
        ),
        Analysis.Section.OUTLOOK: (
            "Teollisuuden investoinnit ja vihreän siirtymän hankkeet lisäävät työvoiman kysyntää lähivuosina. "
            "Ikääntyminen pienentää työikäistä väestöä, joten kasvu edellyttää tulomuuttoa ja kansainvälisiä osaajia."
        ),
        Analysis.Section.QUESTIONS: (
            "Miten valtio ja maakunta turvaavat osaavan työvoiman saatavuuden kasvaville aloille? "
            "Miten saavutettavuutta parannetaan maakunnan sisällä ja suhteessa pääkaupunkiseutuun?"
        ),
    }


@transaction.atomic
def load_analyses(say: Callable[[str], None]) -> None:
    """Invented analysis texts of four regional councils for the latest round (idempotent)."""
    round_ = Round.objects.order_by("-year").first()
    if round_ is None:
        say("analysis texts: no round yet, skipped")
        return
    created = 0
    for code in DEMO_REGIONS:
        region = Region.objects.get(code=code)
        org = Organisation.objects.filter(region=region, kind=Organisation.Kind.REGIONAL_COUNCIL).first()
        if org is None:
            continue
        for section, text in _texts(region).items():
            _obj, was_created = Analysis.objects.get_or_create(
                region=region,
                round=round_,
                organisation=org,
                section=section,
                defaults={"text": text, "is_demo": True},
            )
            created += was_created
    say(f"analysis texts: {created} new (demo content) for {round_}")
