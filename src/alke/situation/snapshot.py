"""The statistics snapshot shipped in `alke/data/timeseries/`, turned into cubes for the importer.

The CSV files are real published data (see `alke/data/SOURCES.md`): population by region and by
municipality 2000–2022 (THL Sotkanet 127) and registered unemployment by region, monthly 2006–2020
(StatFin tyonv 1001). Each becomes one dataset with dimensions like a StatFin table.
"""

from __future__ import annotations

import csv
from pathlib import Path

from alke.situation.definitions import SNAPSHOT_POP_MUNICIPALITY, SNAPSHOT_POP_REGION, SNAPSHOT_UNEMPLOYMENT
from alke.situation.parsers import Category, Cube, Dim

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TIMESERIES = DATA_DIR / "timeseries"
CLASSIFICATION = DATA_DIR / "classification"
LICENCE = "CC BY 4.0"
COUNTRY_LABELS = {"fi": "KOKO MAA", "sv": "HELA LANDET", "en": "WHOLE COUNTRY"}


def _region_labels() -> dict[str, dict[str, str]]:
    with (CLASSIFICATION / "maakunnat_2025.csv").open(encoding="utf-8") as fh:
        labels = {
            r["code"]: {"fi": r["name_fi"], "sv": r["name_sv"], "en": r["name_en"]}
            for r in csv.DictReader(fh)
        }
    labels["SSS"] = COUNTRY_LABELS
    return labels


def _municipality_labels() -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for name in ("kunnat_2024.csv", "kunnat_2025.csv"):
        with (CLASSIFICATION / name).open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                labels.setdefault(
                    r["kunta_code"],
                    {"fi": r["kunta_name_fi"], "sv": r["kunta_name_sv"], "en": r["kunta_name_en"]},
                )
    return labels


def _year_dim(years: list[int]) -> Dim:
    return Dim(
        "Vuosi",
        {"fi": "Vuosi", "sv": "År", "en": "Year"},
        [Category(str(y), {"fi": str(y)}) for y in years],
        "time",
    )


def _population_metric() -> Dim:
    return Dim(
        "Tiedot",
        {"fi": "Tiedot", "sv": "Uppgifter", "en": "Information"},
        [
            Category(
                "vaesto",
                {"fi": "Väestö 31.12.", "sv": "Befolkning 31.12.", "en": "Population 31 Dec"},
                {"fi": "henkeä", "sv": "personer", "en": "persons"},
                0,
            )
        ],
        "metric",
    )


def _sotkanet_meta(title: dict[str, str]) -> dict:
    return {
        "title": title,
        "source": {
            "fi": "THL, Sotkanet.fi (indikaattori 127, Väestö 31.12.); Tilastokeskuksen väestötilasto",
            "sv": "THL, Sotkanet.fi (indikator 127, Befolkning 31.12.); Statistikcentralens befolkningsstatistik",
            "en": "THL, Sotkanet.fi (indicator 127, Population 31 Dec); Statistics Finland population statistics",
        },
        "table_id": "Sotkanet 127",
        "licence": LICENCE,
        "format": "csv",
        "language": "fi",
    }


def population_by_region_cube() -> Cube:
    labels = _region_labels()
    rows: dict[tuple[str, int], int] = {}
    with (TIMESERIES / "population_maakunta_2000_2022.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows[(r["maakunta_code"], int(r["year"]))] = int(r["population"])
    areas = sorted({a for a, _y in rows}, key=lambda c: (c == "SSS", c))
    years = sorted({y for _a, y in rows})
    values = [float(rows[(a, y)]) if (a, y) in rows else None for a in areas for y in years]
    area_dim = Dim(
        "Alue",
        {"fi": "Alue", "sv": "Område", "en": "Area"},
        [Category(a, labels.get(a, {"fi": a})) for a in areas],
        "geo",
    )
    return Cube(
        dims=[area_dim, _year_dim(years), _population_metric()],
        values=values,
        notes=[
            "Alueittainen summa kuntien väkiluvuista vuoden 2024 maakuntajaon mukaan (ei virallinen StatFin-taulukko; "
            "viralliset luvut: StatFin 11ra)."
        ],
        **_sotkanet_meta(
            {
                "fi": "Väestö 31.12. maakunnittain 2000–2022",
                "sv": "Befolkning 31.12. efter landskap 2000–2022",
                "en": "Population on 31 Dec by region 2000–2022",
            }
        ),
    )


def population_by_municipality_cube() -> Cube:
    labels = _municipality_labels()
    rows: dict[tuple[str, int], int] = {}
    parents: dict[str, str] = {}
    with (TIMESERIES / "population_kunta_2000_2022_sotkanet.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows[(r["kunta_code"], int(r["year"]))] = int(r["population"])
            parents[r["kunta_code"]] = r["maakunta_code"]
            labels.setdefault(r["kunta_code"], {"fi": r["kunta_name_fi"]})
    codes = sorted(parents)
    years = sorted({y for _c, y in rows})
    values = [float(rows[(c, y)]) if (c, y) in rows else None for c in codes for y in years]
    area_dim = Dim(
        "Kunta",
        {"fi": "Kunta", "sv": "Kommun", "en": "Municipality"},
        [Category(c, labels[c], parent=parents[c]) for c in codes],
        "geo",
    )
    return Cube(
        dims=[area_dim, _year_dim(years), _population_metric()],
        values=values,
        notes=["Kuntajako 2022 (309 kuntaa) kaikille vuosille."],
        **_sotkanet_meta(
            {
                "fi": "Väestö 31.12. kunnittain 2000–2022",
                "sv": "Befolkning 31.12. efter kommun 2000–2022",
                "en": "Population on 31 Dec by municipality 2000–2022",
            }
        ),
    )


def unemployment_cube() -> Cube:
    labels = _region_labels()
    rows: dict[tuple[str, str], tuple[int, int, int]] = {}
    with (TIMESERIES / "registered_unemployment_maakunta_monthly_2006_2020.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            month = r["month"].replace("-", "M")
            rows[(r["maakunta_code"], month)] = (
                int(r["unemployed_jobseekers"]),
                int(r["labour_force"]),
                int(r["open_vacancies"]),
            )
    areas = sorted({a for a, _m in rows}, key=lambda c: (c == "SSS", c))
    months = sorted({m for _a, m in rows})
    metrics = [
        (
            "tyottomat",
            {"fi": "Työttömät työnhakijat", "sv": "Arbetslösa arbetssökande", "en": "Unemployed jobseekers"},
        ),
        ("tyovoima", {"fi": "Työvoima", "sv": "Arbetskraft", "en": "Labour force"}),
        ("avoimet", {"fi": "Avoimet työpaikat", "sv": "Lediga jobb", "en": "Open vacancies"}),
    ]
    units = [
        {"fi": "henkeä", "sv": "personer", "en": "persons"},
        {"fi": "henkeä", "sv": "personer", "en": "persons"},
        {"fi": "kpl", "sv": "st.", "en": "count"},
    ]
    values: list[float | None] = []
    for a in areas:
        for m in months:
            row = rows.get((a, m))
            values.extend([float(v) for v in row] if row else [None, None, None])
    return Cube(
        dims=[
            Dim(
                "Alue",
                {"fi": "Alue", "sv": "Område", "en": "Area"},
                [Category(a, labels.get(a, {"fi": a})) for a in areas],
                "geo",
            ),
            Dim(
                "Kuukausi",
                {"fi": "Kuukausi", "sv": "Månad", "en": "Month"},
                [Category(m, {"fi": m}) for m in months],
                "time",
            ),
            Dim(
                "Tiedot",
                {"fi": "Tiedot", "sv": "Uppgifter", "en": "Information"},
                [Category(code, lab, unit, 0) for (code, lab), unit in zip(metrics, units, strict=True)],
                "metric",
            ),
        ],
        values=values,
        title={
            "fi": "Työttömät työnhakijat, työvoima ja avoimet työpaikat kuukauden lopussa maakunnittain 2006–2020",
            "sv": "Arbetslösa arbetssökande, arbetskraft och lediga jobb i slutet av månaden efter landskap 2006–2020",
            "en": "Unemployed jobseekers, labour force and open vacancies at the end of the month by region 2006–2020",
        },
        source={
            "fi": "Tilastokeskus ja TEM, työnvälitystilasto (StatFin tyonv 1001)",
            "sv": "Statistikcentralen och ANM, arbetsförmedlingsstatistik (StatFin tyonv 1001)",
            "en": "Statistics Finland and TEM, Employment Service Statistics (StatFin tyonv 1001)",
        },
        table_id="tyonv 1001",
        licence=LICENCE,
        notes=[
            "Työvoima on vuositieto, joka toistuu vuoden jokaisena kuukautena. Maakuntien summa ei ole täsmälleen "
            "koko maan luku (tuntematon alue, ulkomaiset työpaikat)."
        ],
        format="csv",
        language="fi",
    )


SNAPSHOT = [
    (SNAPSHOT_POP_REGION, population_by_region_cube),
    (SNAPSHOT_POP_MUNICIPALITY, population_by_municipality_cube),
    (SNAPSHOT_UNEMPLOYMENT, unemployment_cube),
]
