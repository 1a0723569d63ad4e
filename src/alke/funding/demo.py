"""Demo content: the AKKE appropriation of the demo rounds, split by the formula from real population, and
the entities agreed for each region with commitments and payments booked against them.

It runs between the agreements app's demo conclusions and its documents (orders 60, 61, 62): an entity
funds a conclusion, and a document shows the funding as it was when the document was approved.
Everything here is invented and flagged `is_demo`; the population behind the formula split is real.
Idempotent: a region whose demo document exists, or whose share already has entities, is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db import transaction

from alke.accounts.models import User
from alke.agreements.demo import DEMO_YEAR, EARLIER_YEAR
from alke.agreements.models import Conclusion, CooperationDocument
from alke.funding import services
from alke.funding.models import Appropriation, RegionAllocation
from alke.rounds.models import Round

TOTALS = {EARLIER_YEAR: Decimal("15000000.00"), DEMO_YEAR: Decimal("16000000.00")}

# year -> region code -> entities: (name_fi, name_sv, recipient, share of the region's allocation,
# [(kind, share of the entity, date, reference)]). An entity funds the region's conclusion of the same
# index (the last one when there are fewer conclusions).
ENTITIES: dict[int, dict[str, list]] = {
    EARLIER_YEAR: {
        "MK02": [
            (
                "Meriteollisuuden muuntokoulutus",
                "",
                "Varsinais-Suomen liitto",
                Decimal("0.50"),
                [
                    ("commitment", Decimal("1"), date(2024, 5, 6), "VS/2024/102"),
                    ("payment", Decimal("0.9"), date(2024, 11, 29), "MAKSU-2024-1129"),
                ],
            ),
        ],
        "MK04": [
            (
                "Investointien ennakkoneuvonta",
                "",
                "Satakuntaliitto",
                Decimal("0.40"),
                [
                    ("commitment", Decimal("1"), date(2024, 4, 22), "SATA/2024/31"),
                    ("payment", Decimal("1"), date(2024, 12, 13), "MAKSU-2024-1213"),
                ],
            ),
        ],
        "MK19": [
            (
                "Kausityövoiman toimintamalli",
                "",
                "Lapin liitto",
                Decimal("0.45"),
                [
                    ("commitment", Decimal("1"), date(2024, 5, 13), "LAPPI/2024/27"),
                    ("payment", Decimal("0.75"), date(2024, 10, 31), "MAKSU-2024-1031"),
                ],
            ),
        ],
    },
    DEMO_YEAR: {
        "MK02": [
            (
                "Teollisuuden osaajaohjelma",
                "",
                "Varsinais-Suomen liitto",
                Decimal("0.55"),
                [
                    ("commitment", Decimal("1"), date(2025, 5, 12), "VS/2025/118"),
                    ("payment", Decimal("0.4"), date(2025, 9, 30), "MAKSU-2025-0931"),
                ],
            ),
            (
                "Saariston saavutettavuuden kokeilut",
                "",
                "Turun saaristo ry",
                Decimal("0.30"),
                [("commitment", Decimal("1"), date(2025, 6, 2), "VS/2025/131")],
            ),
        ],
        "MK04": [
            (
                "Vihreän siirtymän investointivalmius",
                "",
                "Satakuntaliitto",
                Decimal("0.50"),
                [
                    ("commitment", Decimal("1"), date(2025, 4, 15), "SATA/2025/44"),
                    ("payment", Decimal("0.5"), date(2025, 8, 29), "MAKSU-2025-0829"),
                ],
            ),
            (
                "Vetovoima- ja paluumuuttohanke",
                "",
                "Prizztech Oy",
                Decimal("0.35"),
                [("commitment", Decimal("0.8"), date(2025, 5, 20), "SATA/2025/57")],
            ),
        ],
        "MK15": [
            (
                "Energiasiirtymän osaajaohjelma",
                "Kompetensprogram för energiomställningen",
                "Pohjanmaan liitto",
                Decimal("0.60"),
                [
                    ("commitment", Decimal("1"), date(2025, 5, 5), "OSTRO/2025/21"),
                    ("payment", Decimal("0.25"), date(2025, 10, 15), "MAKSU-2025-1015"),
                ],
            ),
        ],
        "MK19": [
            (
                "Arktisen matkailun ympärivuotisuus",
                "",
                "Lapin liitto",
                Decimal("0.45"),
                [("commitment", Decimal("1"), date(2025, 4, 28), "LAPPI/2025/33")],
            ),
            (
                "Teollisuuden työvoimamalli",
                "",
                "Lapin ammattikorkeakoulu",
                Decimal("0.40"),
                [("commitment", Decimal("0.5"), date(2025, 6, 16), "LAPPI/2025/48")],
            ),
        ],
    },
}


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def load_demo(say: Callable[[str], None]) -> None:
    coordinator = User.objects.filter(username="koordinaattori").first()
    if coordinator is None:
        say("skipped: demo users are missing")
        return
    for year, regions in ENTITIES.items():
        round = Round.objects.filter(year=year).first()
        if round is None:
            say(f"skipped ALKE {year}: the round is missing")
            continue
        appropriation = Appropriation.objects.filter(round=round).first()
        if appropriation is None:
            appropriation = services.set_appropriation(
                coordinator,
                round,
                total=TOTALS[year],
                decision_reference=f"Demopäätös TEM/{year}/0000 (keksitty)",
                is_demo=True,
            )
            services.propose_split(coordinator, appropriation)
            services.adopt_proposal(coordinator, appropriation)
        added = 0
        for code, entities in regions.items():
            allocation = RegionAllocation.objects.get(appropriation=appropriation, region__code=code)
            if (
                allocation.entities.exists()
                or CooperationDocument.objects.filter(round=round, region_id=allocation.region_id).exists()
            ):
                continue
            conclusions = list(
                Conclusion.objects.filter(round=round, region_id=allocation.region_id).order_by("order", "pk")
            )
            if not conclusions:
                continue
            for index, (name_fi, name_sv, recipient, share, entries) in enumerate(entities):
                entity = services.save_entity(
                    coordinator,
                    allocation,
                    name_fi=name_fi,
                    name_sv=name_sv,
                    recipient=recipient,
                    amount=_cents(allocation.amount * share),
                    conclusion=conclusions[min(index, len(conclusions) - 1)],
                    is_demo=True,
                )
                for kind, part, booked_on, reference in entries:
                    base = entity.amount
                    if kind == "payment":
                        base = sum(e.amount for e in entity.ledger.filter(kind="commitment"))
                    services.record_ledger_entry(
                        coordinator,
                        entity,
                        kind=kind,
                        amount=_cents(base * part),
                        booked_on=booked_on,
                        reference=reference,
                        note="demokirjaus",
                        is_demo=True,
                    )
            added += 1
        say(f"AKKE {round.name}: {added} regions' entities added")
