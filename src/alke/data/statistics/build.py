"""Rebuild the JSON-stat files of this folder from the published files they were copied from.

Not used at run time: the files here are what alke imports. This script documents, and repeats, how
each was made from its source (see `alke/data/SOURCES.md`): values are copied as published, rows are
limited to Finland's regions and the measures alke uses, and nothing is recomputed except where the
file says so (11a5 summed over the background variables). Run it from a checkout with the sources:

    python src/alke/data/statistics/build.py /path/to/sources

where `sources/found/` holds the files named in SOURCES.md. It needs pandas and pyarrow for the
Statistics Finland parquet files (not dependencies of alke).
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLASSIFICATION = HERE.parent / "classification"


def regions() -> list[dict]:
    with (CLASSIFICATION / "maakunnat_2025.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def nuts2021() -> dict[str, str]:
    """NUTS 2021 code -> region code (the codes Eurostat's NUTS 3 series use)."""
    with (CLASSIFICATION / "nuts3_maakunnat.csv").open(encoding="utf-8") as fh:
        return {r["nuts3_2021"]: r["code"] for r in csv.DictReader(fh)}


def category(codes: list[str], labels: dict[str, str], **extra) -> dict:
    return {"index": codes, "label": {c: labels.get(c, c) for c in codes}, **extra}


def write(name: str, dataset: dict) -> None:
    text = json.dumps(dataset, ensure_ascii=False, separators=(",", ":"))
    (HERE / name).write_text(text + "\n", encoding="utf-8")
    print(f"{name}: {len(text) // 1024} kB, {sum(1 for _ in dataset['value'])} values")


def eurostat_rows(path: Path, wanted) -> tuple[list[str], dict[tuple, str]]:
    """(years, {(key columns..., year): raw cell}) from a Eurostat bulk TSV or comma-separated copy."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n")
        sep = "\t" if "\t" in header else ","
        head = [h.strip() for h in re.split(r"[\t,]", header)]
        first_year = next(i for i, h in enumerate(head) if re.fullmatch(r"\d{4}", h))
        years = head[first_year:]
        cells = {}
        for line in fh:
            parts = [p.strip() for p in re.split(r"\t" if sep == "\t" else ",", line.rstrip("\n"))]
            keys = ",".join(parts[: -len(years)]).split(",") if sep == "\t" else parts[:first_year]
            if not wanted(keys):
                continue
            for year, raw in zip(years, parts[-len(years) :], strict=True):
                cells[(*keys, year)] = raw
    return years, cells


def eurostat_cube(label, dataset_id, dims, cells_of, note) -> dict:
    """A JSON-stat 2.0 dataset as Eurostat's API gives it: sparse values, flags as status."""
    ids = [d[0] for d in dims]
    sizes = [len(d[2]) for d in dims]
    value, status = {}, {}
    strides = [1] * len(sizes)
    for i in range(len(sizes) - 2, -1, -1):
        strides[i] = strides[i + 1] * sizes[i + 1]

    def walk(i: int, pos: int, keys: tuple):
        if i == len(dims):
            raw = cells_of(keys)
            if raw is None or raw.startswith(":"):
                return
            match = re.fullmatch(r"(-?[\d.]+)\s*([a-z]*)", raw)
            if not match:
                raise ValueError(f"unexpected Eurostat cell {raw!r} at {keys}")
            number = float(match.group(1))
            value[str(pos)] = int(number) if number.is_integer() and "." not in match.group(1) else number
            if match.group(2):
                status[str(pos)] = match.group(2)
            return
        for k, code in enumerate(dims[i][2]):
            walk(i + 1, pos + k * strides[i], (*keys, code))

    walk(0, 0, ())
    return {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": "ESTAT",
        "note": [note],
        "id": ids,
        "size": sizes,
        "dimension": {d[0]: {"label": d[1], "category": category(d[2], d[3])} for d in dims},
        "role": {"geo": ["geo"], "time": ["time"]},
        "value": value,
        "status": status,
        "extension": {
            "datasetId": dataset_id,
            "lang": "EN",
            "status": {"label": {"p": "provisional", "e": "estimated", "b": "break in time series"}},
        },
    }


NUTS_NOTE = (
    "Finland's regions (NUTS 3, NUTS 2021 codes) and the whole country. Eurostat keeps the regions' borders "
    "before the municipality transfers of 1 January 2021; the difference is under 0.5 % of a region."
)


def build_eurostat(found: Path) -> None:
    nuts = nuts2021()
    geo = ["FI", *sorted(nuts, key=lambda c: nuts[c])]
    names = {r["code"]: r["name_fi"] for r in regions()}
    geo_labels = {"FI": "Finland", **{c: names[nuts[c]] for c in nuts}}

    years, cells = eurostat_rows(
        found / "eurostat_nama_10r_3gdp_full.tsv",
        lambda k: k[1] in ("EUR_HAB", "MIO_EUR", "PPS_HAB_EU27_2020") and k[2] in geo,
    )
    units = ["EUR_HAB", "MIO_EUR", "PPS_HAB_EU27_2020"]
    years = [y for y in years if any(cells.get(("A", u, g, y), ":")[:1] != ":" for u in units for g in geo)]
    write(
        "eurostat_nama_10r_3gdp_fi.json",
        eurostat_cube(
            "Gross domestic product (GDP) at current market prices by NUTS 3 regions",
            "nama_10r_3gdp",
            [
                ("freq", "Time frequency", ["A"], {"A": "Annual"}),
                (
                    "unit",
                    "Unit of measure",
                    units,
                    {
                        "EUR_HAB": "Euro per inhabitant",
                        "MIO_EUR": "Million euro",
                        "PPS_HAB_EU27_2020": "Purchasing power standard (PPS, EU27 from 2020), per inhabitant in "
                        "percentage of the EU27 (from 2020) average",
                    },
                ),
                ("geo", "Geopolitical entity (reporting)", geo, geo_labels),
                ("time", "Time", years, {}),
            ],
            lambda keys: cells.get(keys),
            NUTS_NOTE,
        ),
    )

    indicators = {
        "PC_Y65_MAX": ("PC", "Proportion of population aged 65 and more"),
        "OLDDEP1": (
            "PC",
            "Old-age dependency ratio 1st variant (population 65 and over to population 15 to 64 years)",
        ),
        "MEDAGEPOP": ("YR", "Median age of population"),
    }
    years, cells = eurostat_rows(
        found / "eurostat_demo_r_pjanind3_full.tsv.gz", lambda k: k[1] in indicators and k[3] in geo
    )
    write(
        "eurostat_demo_r_pjanind3_fi.json",
        eurostat_cube(
            "Population structure indicators by NUTS 3 region (1 January)",
            "demo_r_pjanind3",
            [
                ("freq", "Time frequency", ["A"], {"A": "Annual"}),
                (
                    "indic_de",
                    "Demographic indicator",
                    list(indicators),
                    {k: v[1] for k, v in indicators.items()},
                ),
                ("unit", "Unit of measure", ["PC", "YR"], {"PC": "Percentage", "YR": "Year"}),
                ("geo", "Geopolitical entity (reporting)", geo, geo_labels),
                ("time", "Time", years, {}),
            ],
            lambda k: cells.get(("A", k[1], k[2], k[3], k[4])) if indicators[k[1]][0] == k[2] else None,
            NUTS_NOTE,
        ),
    )

    b_years, births = eurostat_rows(found / "eurostat_births_nuts3_processed.tsv", lambda k: k[2] in geo)
    d_years, deaths = eurostat_rows(found / "eurostat_deaths_nuts3_processed.tsv", lambda k: k[2] in geo)
    assert b_years == d_years
    write(
        "eurostat_demo_r_births_deaths_fi.json",
        eurostat_cube(
            "Live births and deaths by NUTS 3 region (demo_r_births, demo_r_deaths)",
            "demo_r_births+demo_r_deaths",
            [
                ("freq", "Time frequency", ["A"], {"A": "Annual"}),
                (
                    "indic_de",
                    "Demographic indicator",
                    ["LBIRTH", "DEATH"],
                    {"LBIRTH": "Live births", "DEATH": "Deaths"},
                ),
                ("unit", "Unit of measure", ["NR"], {"NR": "Number"}),
                ("geo", "Geopolitical entity (reporting)", geo, geo_labels),
                ("time", "Time", b_years, {}),
            ],
            lambda k: (births if k[1] == "LBIRTH" else deaths).get(("A", "NR", k[3], k[4])),
            NUTS_NOTE,
        ),
    )


REGION_LABELS = {"fi": "name_fi", "sv": "name_sv", "en": "name_en"}


def statfin_cube(label, source, table_id, dims, values, notes, updated=None) -> dict:
    sizes = [len(d[2]) for d in dims]
    data = {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": source,
        "note": notes,
        "id": [d[0] for d in dims],
        "size": sizes,
        "dimension": {
            d[0]: {"label": d[1], "category": category(d[2], d[3], **(d[4] if len(d) > 4 else {}))}
            for d in dims
        },
        "value": values,
        "extension": {"px": {"tableid": table_id, "language": "fi"}},
    }
    if updated:
        data["updated"] = updated
    return data


def build_statfin(found: Path) -> None:
    import pandas as pd

    rows = regions()
    codes = [r["code"] for r in rows]
    names = {r["code"]: r["name_fi"] for r in rows}

    migration = pd.read_parquet(found / "statfin_muutl_11a5_interregional_migration_2002_2022.parquet")
    flows = migration.groupby(["Year", "Region of arrival", "Region of departure"])["Value"].sum()
    years = [str(y) for y in sorted(migration["Year"].unique())]
    values = [
        int(flows[(int(y), a, d)]) if (int(y), a, d) in flows.index else None
        for y in years
        for a in codes
        for d in codes
    ]
    write(
        "statfin_muutl_pxt_11a5.json",
        statfin_cube(
            "11a5 -- Maakuntien välinen muutto tulo- ja lähtömaakunnan mukaan, 2002-2022",
            "Tilastokeskus, muuttoliike",
            "statfin_muutl_pxt_11a5",
            [
                ("Vuosi", "Vuosi", years, {}),
                ("Tulomaakunta", "Tulomaakunta", codes, names),
                ("Lähtömaakunta", "Lähtömaakunta", codes, names),
            ],
            values,
            [
                "Muuttajien lukumäärä. Laskettu yhteen taulukon 11a5 syntyperän, sukupuolen ja ikäryhmän "
                "luokista (kaikki luokat). Aluejako: nykyinen maakuntajako kaikille vuosille. Saman "
                "maakunnan sisäinen muutto ei kuulu taulukkoon (tyhjä solu)."
            ],
        ),
    )

    employed = pd.read_parquet(found / "statfin_tyokay_115i_employed_by_industry_region.parquet")
    cell = {(r.Area, r.Industry, r.Sex, str(r.Year)): int(r.Value) for r in employed.itertuples()}
    industries = sorted(employed["Industry"].unique())
    years = [str(y) for y in sorted(employed["Year"].unique())]
    tol = {
        "A": "A Maatalous, metsätalous ja kalatalous", "B": "B Kaivostoiminta ja louhinta",
        "C": "C Teollisuus", "D": "D Sähkö-, kaasu- ja lämpöhuolto, jäähdytysliiketoiminta",
        "E": "E Vesihuolto, viemäri- ja jätevesihuolto, jätehuolto ja muu ympäristön puhtaanapito",
        "F": "F Rakentaminen", "G": "G Tukku- ja vähittäiskauppa; moottoriajoneuvojen ja moottoripyörien korjaus",
        "H": "H Kuljetus ja varastointi", "I": "I Majoitus- ja ravitsemistoiminta", "J": "J Informaatio ja viestintä",
        "K": "K Rahoitus- ja vakuutustoiminta", "L": "L Kiinteistöalan toiminta",
        "M": "M Ammatillinen, tieteellinen ja tekninen toiminta", "N": "N Hallinto- ja tukipalvelutoiminta",
        "O": "O Julkinen hallinto ja maanpuolustus; pakollinen sosiaalivakuutus", "P": "P Koulutus",
        "Q": "Q Terveys- ja sosiaalipalvelut", "R": "R Taiteet, viihde ja virkistys", "S": "S Muu palvelutoiminta",
        "T": "T Kotitalouksien toiminta työnantajina", "U": "U Kansainvälisten organisaatioiden toiminta",
        "X": "X Toimiala tuntematon",
    }  # fmt: skip
    values = [cell.get((a, i, s, y)) for a in codes for i in industries for s in ("1", "2") for y in years]
    write(
        "statfin_tyokay_pxt_115i.json",
        statfin_cube(
            "115i -- Alueella asuva työllinen työvoima toimialan (TOL 2008) ja sukupuolen mukaan, 2007-2023",
            "Tilastokeskus, työssäkäynti",
            "statfin_tyokay_pxt_115i",
            [
                ("Alue", "Alue", codes, names),
                ("Toimiala", "Toimiala", industries, tol),
                ("Sukupuoli", "Sukupuoli", ["1", "2"], {"1": "Miehet", "2": "Naiset"}),
                ("Vuosi", "Vuosi", years, {}),
            ],
            values,
            ["Työlliset, lukumäärä. Aluejako: maakunnat 2023."],
        ),
    )

    def lfs_rows(page: str, pattern: str) -> dict[str, list[str]]:
        text = (found / "statfi_pages" / page).read_text(encoding="utf-8")
        found_rows = {}
        by_name = {r["name_fi"]: r["code"] for r in rows}
        for line in text.splitlines():
            match = re.match(pattern, line)
            if not match:
                continue
            name = match.group(1).strip()
            code = "SSS" if name.startswith("Koko maa") else by_name.get(name)
            if code:
                found_rows[code] = [match.group(i) for i in range(2, match.lastindex + 1)]
        return found_rows

    areas = ["SSS", *codes]
    area_labels = {"SSS": "KOKO MAA", **names}
    rates = lfs_rows(
        "tyti_2020_13_tau_028_fi_employment_rate_by_region_2020.txt",
        r"^(\D+?)\s+(?:[\d ]+?)\s+(\d+,\d)\s+(\d+,\d)\s*$",
    )
    metrics = ["tyollisyysaste_15_64", "tyottomyysaste_15_64"]
    values = [
        float(rates[a][k].replace(",", ".")) if a in rates else None
        for a in areas
        for k in range(len(metrics))
    ]
    write(
        "statfin_tyti_2020_tau_028.json",
        statfin_cube(
            "Väestö työmarkkina-aseman ja maakunnan mukaan vuonna 2020, 15-64-vuotiaat (Työvoimatutkimus 2020, "
            "liitetaulukko 28)",
            "Tilastokeskus, työvoimatutkimus",
            "tyti_2020_13_tau_028",
            [
                ("Alue", "Maakunta", areas, area_labels),
                ("Vuosi", "Vuosi", ["2020"], {}),
                (
                    "Tiedot",
                    "Tiedot",
                    metrics,
                    {
                        "tyollisyysaste_15_64": "Työllisyysaste, 15-64-vuotiaat, %",
                        "tyottomyysaste_15_64": "Työttömyysaste, 15-64-vuotiaat, %",
                    },
                    {"unit": {m: {"label": "prosenttia", "decimals": 1} for m in metrics}},
                ),
            ],
            values,
            [
                "Otostutkimuksen estimaatteja; pienten maakuntien (esim. Keski-Pohjanmaa, Kainuu) luvuissa on suuri "
                "otantavirhe. Päivitetty 4.3.2021."
            ],
            updated="2021-03-04",
        ),
    )
    unemployment = lfs_rows(
        "tyti_2020_12_tau_054_fi_unemployment_rate_by_region_2018_2020.txt",
        r"^([^|]+?)\s*\|\s*(\d+,\d)\s*\|\s*(\d+,\d)\s*\|\s*(\d+,\d)\s*\|",
    )
    areas54 = [a for a in areas if a in unemployment]
    values = [float(unemployment[a][k].replace(",", ".")) for a in areas54 for k in range(3)]
    write(
        "statfin_tyti_2020_tau_054.json",
        statfin_cube(
            "Työttömyysasteet maakunnan (2011) mukaan vuosina 2018 - 2020, 15-74-vuotiaat (Työvoimatutkimus 2020, "
            "joulukuu, liitetaulukko 54)",
            "Tilastokeskus, työvoimatutkimus",
            "tyti_2020_12_tau_054",
            [
                ("Alue", "Maakunta", areas54, {**area_labels, "SSS": "Koko maa (ml. Ahvenanmaa)"}),
                ("Vuosi", "Vuosi", ["2018", "2019", "2020"], {}),
                (
                    "Tiedot",
                    "Tiedot",
                    ["tyottomyysaste_15_74"],
                    {
                        "tyottomyysaste_15_74": "Työttömyysaste, 15-74-vuotiaat, %",
                    },
                    {"unit": {"tyottomyysaste_15_74": {"label": "prosenttia", "decimals": 1}}},
                ),
            ],
            values,
            ["Otostutkimuksen estimaatteja. Päivitetty 28.1.2021."],
            updated="2021-01-28",
        ),
    )


if __name__ == "__main__":
    sources = Path(sys.argv[1]) / "found"
    build_eurostat(sources)
    build_statfin(sources)
