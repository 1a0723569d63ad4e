"""Demo content of the register (`alke seed-demo`). The records themselves are real reference data
(ecosystem and bridge agreements, the 15 networks, the 3 zones, the focus areas); this adds
invented details on top, every one flagged: funding figures, contacts, documents, goals and
results texts, member organisations, and one invented growth agreement to show the generations.
Idempotent: rows are matched on their natural keys and texts are only filled when empty.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db import transaction

from alke.core.services import upsert
from alke.partnerships.models import (
    Contact,
    DevelopmentZone,
    Document,
    EcosystemAgreement,
    Funding,
    ThematicNetwork,
)
from alke.regions.models import Organisation, Region

DEMO_URL = "https://demo.alke.invalid/kumppanuudet/"

# Invented texts for a few records (network or zone name -> description, goals, results).
TEXTS = {
    "SIXNET": (
        "Verkosto kokoaa yhteen kuuden kaupunkiseudun kehittäjät, jotka edistävät "
        "teollisuuden digitalisaatiota ja uusia tuotantotapoja.",
        "Yhteiset kokeiluympäristöt pk-yrityksille; osaajien liikkuvuus kaupunkiseutujen välillä; "
        "vähintään kaksi yhteistä EU-hanketta.",
        "Kaksi yhteistä kokeilualustaa käytössä; 40 yritystä mukana kehityskokeiluissa; "
        "yksi EU-hankehakemus jätetty.",
    ),
    "Kansallinen vetyverkosto": (
        "Verkosto kokoaa vetytalouden hankkeita ja osaamista eri puolilta Suomea.",
        "Vetytalouden investointien alueellinen koordinointi; yhteinen tilannekuva hankkeista.",
        "Hankekartta päivitetty kahdesti vuodessa; kolme alueellista työpajaa.",
    ),
    "Suomen kasvukäytävä": (
        "Helsinki–Hämeenlinna–Tampere-vyöhykkeen kuntien ja maakuntien yhteistyö.",
        "Raideliikenteen ja työssäkäyntialueen kehittäminen; yhteinen elinkeinopoliittinen edunvalvonta.",
        "Vyöhykkeen yhteinen liikenneselvitys valmistui; yhteinen yritysten sijoittumispalvelu.",
    ),
    "Viitoskäytävä": (
        "Valtatie 5:n varren maakuntien yhteistyö saavutettavuuden ja elinvoiman hyväksi.",
        "Valtatie 5:n kehittämisen edistäminen valtion suunnitelmissa; matkailun yhteismarkkinointi.",
        "Yhteinen kannanotto liikennejärjestelmäsuunnitelmaan; kaksi vyöhykkeen seminaaria.",
    ),
    "Perämerenkaaren kehittämisvyöhyke": (
        "Perämeren ympäristön kaupunkien ja alueiden rajat ylittävä yhteistyö.",
        "Rajat ylittävän työssäkäynnin helpottaminen; yhteiset teollisuuden investointihankkeet.",
        "Rajaneuvontapalvelun kehittäminen; yhteinen investointiesite.",
    ),
}

# Invented funding per year for the ecosystem agreements shown in the demo (thousand euros).
AGREEMENT_FUNDING = {
    "tampere": {"eu_sud": (820, 910, 950, 990), "municipal": (410, 455, 475, 495)},
    "helsinki-espoo-vantaa": {"eu_sud": (1150, 1240, 1300, 1320), "municipal": (575, 620, 650, 660)},
    "oulu": {"eu_sud": (760, 800, 840, 860), "municipal": (380, 400, 420, 430)},
    "turku": {"eu_sud": (700, 730, 760, 790), "municipal": (350, 365, 380, 395)},
    "kokkola": {"eu_sud": (310, 340, 360, 380), "municipal": (155, 170, 180, 190)},
}
FIRST_FUNDED_YEAR = 2021


def _fill_texts(record, description: str, goals: str, results: str) -> None:
    """Fill empty texts only, so content people wrote is never replaced; flag what was filled."""
    flagged = list(record.demo_fields or [])
    for name, value in (("description", description), ("goals", goals), ("results", results)):
        if value and not getattr(record, name):
            setattr(record, name, value)
            if name not in flagged:
                flagged.append(name)
    if flagged != record.demo_fields:
        record.demo_fields = flagged
        record.save()


def _funding(record_kw: dict, source: str, year: int, thousands: int) -> None:
    upsert(
        Funding,
        **record_kw,
        source=source,
        year=year,
        defaults={"amount": Decimal(thousands) * 1000, "is_demo": True},
    )


def _contact(record_kw: dict, name: str, title: str, organisation: Organisation | None) -> None:
    upsert(
        Contact,
        **record_kw,
        name=name,
        defaults={
            "title": title,
            "organisation": organisation,
            "email": f"{name.split()[0].lower()}@demo.alke.invalid",
            "is_demo": True,
        },
    )


def _document(record_kw: dict, title: str, slug: str, published_on: date) -> None:
    upsert(
        Document,
        **record_kw,
        title=title,
        defaults={"url": f"{DEMO_URL}{slug}.pdf", "published_on": published_on, "is_demo": True},
    )


@transaction.atomic
def load_demo(say: Callable[[str], None]) -> None:
    networks = list(ThematicNetwork.objects.all())
    zones = list(DevelopmentZone.objects.all())
    for record in [*networks, *zones]:
        texts = TEXTS.get(record.name_fi)
        if texts:
            _fill_texts(record, *texts)
        kw = {"network": record} if isinstance(record, ThematicNetwork) else {"zone": record}
        # A stable invented figure per record: 60–200 k€ a year from the AKKE appropriation.
        base = 60 + (sum(map(ord, record.name_fi)) % 15) * 10
        for offset in range(3):
            _funding(kw, Funding.Source.AKKE, FIRST_FUNDED_YEAR + offset, base + offset * 10)

    sixnet = ThematicNetwork.objects.filter(name_fi="SIXNET").first()
    if sixnet is not None:
        business_tampere = Organisation.objects.filter(slug="business-tampere").first()
        _contact({"network": sixnet}, "Veera Verkostolainen", "verkostokoordinaattori", business_tampere)
        _document(
            {"network": sixnet},
            "SIXNET-verkoston toimintasuunnitelma 2021–2023",
            "sixnet-suunnitelma",
            date(2021, 5, 3),
        )
        _document(
            {"network": sixnet}, "SIXNET-verkoston loppuraportti", "sixnet-loppuraportti", date(2024, 2, 15)
        )
        members = Organisation.objects.filter(
            slug__in=["tampereen-kaupunki", "liitto-mk06", "oulun-kaupunki", "turun-kaupunki"]
        )
        if not sixnet.member_organisations.exists():
            sixnet.member_organisations.set(members)
            sixnet.demo_fields = [*sixnet.demo_fields, "member_organisations"]
            sixnet.save()

    for slug, sources in AGREEMENT_FUNDING.items():
        agreement = EcosystemAgreement.objects.filter(slug=slug).first()
        if agreement is None:
            continue
        for source, amounts in sources.items():
            for offset, thousands in enumerate(amounts):
                _funding({"agreement": agreement}, source, FIRST_FUNDED_YEAR + offset, thousands)

    tampere = EcosystemAgreement.objects.filter(slug="tampere").first()
    if tampere is not None:
        _contact(
            {"agreement": tampere},
            "Tuomas Tamperelainen",
            "ekosysteemisopimuksen koordinaattori",
            tampere.coordinator,
        )
        _document(
            {"agreement": tampere},
            "Tampereen ekosysteemisopimuksen vuosiraportti 2023",
            "tampere-vuosiraportti-2023",
            date(2024, 3, 1),
        )
        _fill_texts(
            tampere,
            "",
            "Kestävän teollisuuden, rakennetun ympäristön ja digitaalisen terveyden ekosysteemien "
            "kasvu; yritysten ja korkeakoulujen TKI-kumppanuudet.",
            "Kolme ekosysteemiä käynnissä; 25 yhteishanketta; 120 yritystä mukana.",
        )
        # An invented earlier generation, to show how growth agreements chain to ecosystem ones.
        growth, _ = upsert(
            EcosystemAgreement,
            slug="demo-kasvusopimus-tampere",
            defaults={
                "generation": EcosystemAgreement.Generation.GROWTH,
                "name_fi": "Tampereen kaupunkiseudun kasvusopimus (demo)",
                "name_sv": "Tillväxtavtal för Tammerforsregionen (demo)",
                "name_en": "Tampere city region growth agreement (demo)",
                "city_name": "Tampere",
                "coordinator": tampere.coordinator,
                "period_start": date(2016, 1, 1),
                "period_end": date(2018, 12, 31),
                "status": EcosystemAgreement.Status.ENDED,
                "demo_fields": ["*"],
            },
        )
        growth.regions.add(Region.objects.get(code="MK06"))
        if tampere.predecessor_id is None:
            tampere.predecessor = growth
            tampere.save(update_fields=["predecessor"])
    say(
        f"partnerships: {len(networks)} networks and {len(zones)} zones with demo funding, "
        f"{len(AGREEMENT_FUNDING)} agreements with demo funding, demo contacts and documents"
    )
