"""Parsers for statistical tables: JSON-stat 2.0, the PxWeb API v1 "json" format and PX files.

Every parser returns a `Cube`: ordered dimensions with their categories and a dense, row-major list
of values (None for a missing value, with the source's status symbol kept aside). Labels are keyed by
the language they are in, taken from the file (PX `LANGUAGE`, PxWeb's `extension.px.language`), the
address it came from (`/api/v1/sv/…`, `?lang=en`) or, failing both, recognised from the labels
themselves; nothing is assumed to be Finnish. Times are aware and in UTC: an offset in the file is
converted, and a time without one (PX `LAST-UPDATED`, PxWebApi 2.0's `updated`) is the publisher's
local time. Bad input raises `StatsFormatError` with a message that names the problem and where it
is; nothing is half-parsed.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from alke.core.domain import DomainError

LANGS = ("fi", "sv", "en")
# Symbols statistics offices use for missing, confidential or not applicable values (PX DATASYMBOL1–6
# are dots; Eurostat uses ":").
MISSING_SYMBOLS = {"", ".", "..", "...", "....", ".....", "......", ":", "x", "X", "nan", "NaN"}
# PX's DATASYMBOLNIL: a magnitude that is nil, i.e. zero, kept with its symbol.
NIL_SYMBOL = "-"

# Names of area and time dimensions in the languages alke meets (lower case).
GEO_NAMES = {
    "alue", "maakunta", "kunta", "seutukunta", "region", "area", "område", "landskap", "kommun", "län",
    "country", "county", "state", "municipality", "geo", "fylke", "kommune", "land",
}  # fmt: skip
TIME_NAMES = {
    "vuosi", "kuukausi", "neljännes", "vuosineljännes", "aika", "ajanjakso", "tilastovuosi",
    "år", "månad", "kvartal", "tid", "period", "statistikår",
    "year", "month", "quarter", "time", "time period", "years",
    "måned", "jahr", "monat", "quartal", "zeit", "año", "periodo", "trimestre", "anno", "mese", "année", "mois",
}  # fmt: skip
METRIC_NAMES = {
    "tiedot",
    "uppgifter",
    "information",
    "contentscode",
    "contents",
    "statistikkvariabel",
    "variables",
}
# A period code: a year, optionally with a month (M01, -01), quarter (Q1, K1, T1, "- 1") or half (H1).
PERIOD = re.compile(
    r"^(\d{4})(?:\s*(?:M|-)\s*(\d{1,2})|\s*[QKT]\s*([1-4])|\s*-\s*([1-4])|\s*H\s*([12]))?$", re.I
)

# Words that tell the language of a table's labels (lower case, whole words).
_MARKERS: dict[str, set[str]] = {
    "fi": {"ja", "mukaan", "muuttujina", "vuosi", "kuukausi", "alue", "tiedot", "väestö", "yhteensä", "koko",
           "maa", "ikä", "sukupuoli", "lukumäärä", "tilastokeskus", "vuoden", "osuus", "henkeä", "naiset",
           "miehet", "kunnittain", "maakunnittain"},
    "sv": {"och", "efter", "år", "månad", "område", "uppgifter", "befolkning", "totalt", "hela", "landet",
           "ålder", "kön", "antal", "statistikcentralen", "tabellinnehåll", "kvinnor", "män", "landskap",
           "kommun", "län", "personer", "procent", "valår"},
    "en": {"and", "by", "of", "the", "year", "month", "quarter", "area", "information", "population",
           "total", "whole", "country", "statistics", "age", "sex", "number", "rate", "persons", "females",
           "males", "per", "in", "region", "observations"},
    "no": {"og", "etter", "måned", "statistikkvariabel", "befolkning", "alder", "kjønn", "statistisk",
           "sentralbyrå", "kvinner", "menn", "fylke", "kommune", "personer", "prosent"},
    "de": {"und", "nach", "der", "die", "das", "jahr", "monat", "quartal", "bevölkerung", "insgesamt",
           "alter", "geschlecht", "betriebe", "ausgewählten", "bundesamt", "statistik", "wirtschaftsabteilung"},
    "fr": {"et", "selon", "par", "la", "le", "les", "des", "du", "année", "mois", "trimestre", "population",
           "âge", "sexe", "établissements", "office", "fédéral"},
    "es": {"y", "por", "de", "del", "la", "el", "los", "las", "año", "mes", "periodo", "población", "edad",
           "sexo", "total", "instituto", "nacional", "estadística", "matrimonios", "según", "comunidad"},
    "it": {"e", "per", "della", "dei", "di", "il", "anno", "mese", "trimestre", "popolazione", "età", "sesso",
           "ufficio", "federale", "statistica"},
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# The words PxWeb itself uses for the dimension of contents (the "value dimension").
CONTENTS_LABELS = {"fi": "Tiedot", "sv": "Uppgifter", "en": "Information", "no": "Statistikkvariabel",
                   "de": "Angaben", "fr": "Informations", "es": "Información", "it": "Informazioni"}  # fmt: skip

# Publishers by words in their source, contact or database line, and the time zone their files use
# for times without an offset.
_PUBLISHER_ZONES = [
    (("tilastokeskus", "statistikcentralen", "statistics finland", "stat.fi", "työ- ja elinkeinoministeriö",
      "thl"), "Europe/Helsinki"),
    (("statistiska centralbyrån", "statistics sweden", "scb"), "Europe/Stockholm"),
    (("statistisk sentralbyrå", "statistics norway", "ssb"), "Europe/Oslo"),
    (("instituto nacional de estadística", "ine", "icane", "instituto cántabro", "ige"), "Europe/Madrid"),
    (("bundesamt für statistik", "office fédéral de la statistique", "ufficio federale di statistica",
      "federal statistical office", "bfs", "ofs", "ust", "fso"), "Europe/Zurich"),
    (("eurostat", "estat"), "Europe/Luxembourg"),
]  # fmt: skip

# The text encodings PX files are written in. Anything else in CODEPAGE (e.g. "punycode", "rot13",
# "zlib") is not a text encoding of a table and is refused before it is used.
PX_CODEPAGES = {
    "utf-8", "utf-8-sig", "ascii", "latin-1", "iso8859-1", "iso8859-2", "iso8859-4", "iso8859-5",
    "iso8859-7", "iso8859-9", "iso8859-10", "iso8859-13", "iso8859-15", "cp1250", "cp1251", "cp1252",
    "cp1253", "cp1254", "cp1257", "cp437", "cp850", "cp865", "mac-roman", "koi8-r",
}  # fmt: skip


class StatsFormatError(DomainError):
    """The input is not a valid statistical table; the message says what is wrong and where."""


@dataclass
class Category:
    code: str
    labels: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    decimals: int | None = None
    parent: str = ""


@dataclass
class Dim:
    code: str
    labels: dict[str, str]
    categories: list[Category]
    role: str = "other"  # time | geo | metric | other
    total: str = ""  # the code of the category that totals the others (PX ELIMINATION), if known

    @property
    def size(self) -> int:
        return len(self.categories)

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.categories]


@dataclass
class Cube:
    """A parsed table. `values[i]` is the cell at row-major position i (None = missing)."""

    dims: list[Dim]
    values: list[float | None]
    status: dict[int, str] = field(default_factory=dict)
    title: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)
    table_id: str = ""
    updated: datetime | None = None  # aware, UTC
    licence: str = ""
    notes: list[str] = field(default_factory=list)
    format: str = ""
    language: str = ""  # the main language of the labels
    name: str = ""  # a name the document itself gives the table (a collection item's address), if any

    @property
    def sizes(self) -> list[int]:
        return [d.size for d in self.dims]

    @property
    def cell_count(self) -> int:
        return math.prod(self.sizes) if self.dims else 0

    def dim(self, role: str) -> Dim | None:
        return next((d for d in self.dims if d.role == role), None)

    def validate(self) -> None:
        if not self.dims:
            raise StatsFormatError(_("Taulukossa ei ole yhtään ulottuvuutta."))
        seen: set[str] = set()
        for dim in self.dims:
            if dim.code in seen:
                raise StatsFormatError(_("Ulottuvuus %(dim)s on taulukossa kahdesti.") % {"dim": dim.code})
            seen.add(dim.code)
            if not dim.categories:
                raise StatsFormatError(_("Ulottuvuudella %(dim)s ei ole yhtään luokkaa.") % {"dim": dim.code})
            codes = dim.codes
            if len(set(codes)) != len(codes):
                twice = sorted({c for c in codes if codes.count(c) > 1})
                raise StatsFormatError(
                    _("Ulottuvuudella %(dim)s on toistuvia koodeja: %(codes)s.")
                    % {"dim": dim.code, "codes": ", ".join(twice[:5])}
                )
        if len(self.values) != self.cell_count:
            raise StatsFormatError(
                _("Arvoja on %(found)s, mutta ulottuvuuksien koot %(sizes)s edellyttävät %(expected)s arvoa.")
                % {
                    "found": len(self.values),
                    "sizes": " × ".join(str(s) for s in self.sizes),
                    "expected": self.cell_count,
                }
            )


# ---------------------------------------------------------------- shared helpers


def _number(raw, where: str) -> float | None:
    """A numeric value, or None for a missing-value symbol; anything else is an error."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise StatsFormatError(
            _("Arvo %(value)r kohdassa %(where)s ei ole luku.") % {"value": raw, "where": where}
        )
    if isinstance(raw, int | float):
        return None if isinstance(raw, float) and math.isnan(raw) else float(raw)
    text = str(raw).strip().strip('"').strip()
    if text in MISSING_SYMBOLS:
        return None
    if text == NIL_SYMBOL:
        return 0.0
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise StatsFormatError(
            _("Arvo %(value)r kohdassa %(where)s ei ole luku eikä puuttuvan tiedon merkki.")
            % {"value": text[:40], "where": where}
        ) from None


def publisher_zone(*texts: str) -> ZoneInfo:
    """The time zone of the publisher named in `texts`, else the site's own (settings.TIME_ZONE)."""
    haystack = " ".join(t for t in texts if t).lower()
    words = set(_WORD.findall(haystack))
    for names, zone in _PUBLISHER_ZONES:
        for name in names:
            if (" " in name or "." in name) and name in haystack or name in words:
                return ZoneInfo(zone)
    return ZoneInfo(settings.TIME_ZONE)


def is_statfin(*texts: str) -> bool:
    """Whether `texts` (a source line, an address) name Statistics Finland."""
    haystack = " ".join(t for t in texts if t).lower()
    return any(
        name in haystack for name in ("tilastokeskus", "statistikcentralen", "statistics finland", "stat.fi")
    )


def parse_time(text: str | None, zone: ZoneInfo | None = None) -> datetime | None:
    """An aware UTC datetime from an ISO 8601 or PX (`20240426 08:00`) time; a time without an
    offset is in `zone` (the publisher's). None when the text is not a time."""
    if not text:
        return None
    text = str(text).strip()
    parsed = None
    for fmt in ("%Y%m%d %H:%M", "%Y%m%d %H:%M:%S", "%Y%m%d", "%d/%m/%Y %H:%M:%S"):
        try:
            parsed = datetime.strptime(text, fmt)
            break
        except ValueError:
            continue
    if parsed is None:
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone or ZoneInfo(settings.TIME_ZONE))
    return parsed.astimezone(UTC)


def detect_language(texts: Iterable[str], hint: str = "") -> str:
    """The language of labels: `hint` when given, else the language whose marker words occur most."""
    if hint:
        return hint.lower()[:2]
    scores = dict.fromkeys(_MARKERS, 0)
    for text in texts:
        for word in _WORD.findall(str(text).lower()):
            for lang, words in _MARKERS.items():
                if word in words:
                    scores[lang] += 1
    best = max(scores, key=lambda lang: (scores[lang], lang in LANGS))
    return best if scores[best] else "en"


def language_of_address(origin: str) -> str:
    """The language an address asks for: `/api/v1/sv/…`, `/api/v2/…?lang=en` or `/en/`; else ''."""
    if not origin or not origin.lower().startswith(("http://", "https://")):
        return ""
    parts = urlsplit(origin)
    lang = (parse_qs(parts.query).get("lang") or [""])[0]
    if lang:
        return lang.lower()[:2]
    match = re.search(r"/api/v\d+/([a-z]{2})/", parts.path.lower()) or re.search(
        r"/([a-z]{2})/", parts.path.lower()
    )
    return match.group(1) if match else ""


def dimension_role(code: str, labels: Iterable[str], codes: list[str], declared: str = "") -> str:
    """time, geo, metric or other: the declared role, else from the dimension's name and its values."""
    if declared in ("time", "geo", "metric"):
        return declared
    names = {code.strip().lower(), *(str(label).strip().lower() for label in labels)}
    looks_periodic = bool(codes) and all(_is_period(c) for c in codes)
    if looks_periodic and (names & TIME_NAMES or not names & GEO_NAMES):
        return "time"
    if names & METRIC_NAMES:
        return "metric"
    if names & GEO_NAMES:
        return "geo"
    if names & TIME_NAMES and codes and sum(_is_period(c) for c in codes) >= len(codes) / 2:
        return "time"
    return "other"


def _is_period(code: str) -> bool:
    match = PERIOD.match(str(code).strip())
    return bool(match) and 1700 <= int(match.group(1)) <= 2200


def load_json(raw: bytes | str | dict):
    if isinstance(raw, dict | list):
        return raw
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise StatsFormatError(
                _("JSON-tiedosto ei ole UTF-8-muodossa (virheellinen tavu kohdassa %(position)s).")
                % {"position": exc.start}
            ) from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise StatsFormatError(
            _(
                "Tiedosto ei ole kelvollista JSONia (rivi %(line)s, sarake %(col)s): %(msg)s. Onko tiedosto katkennut?"
            )
            % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
        ) from None


# ---------------------------------------------------------------- JSON-stat 2.0


def is_jsonstat1(data) -> bool:
    """JSON-stat 1.x: a bundle of named datasets, or a dataset with `dimension.id`/`dimension.size`."""
    if not isinstance(data, dict):
        return False
    if str(data.get("version") or "").startswith(("0", "1")):
        return True
    if data.get("class") == "dataset" and "id" not in data and isinstance(data.get("dimension"), dict):
        return "id" in data["dimension"] or "size" in data["dimension"]
    if "class" not in data and data:
        return all(isinstance(v, dict) and "dimension" in v for v in data.values())
    return False


def _jsonstat1_error() -> StatsFormatError:
    return StatsFormatError(
        _(
            "JSON-stat 1.x -muotoa ei tueta, käytä versiota 2.0 (tilastopalvelut antavat sen, esim. PxWeb: json-stat2)."
        )
    )


def jsonstat_datasets(data) -> list[dict]:
    """The datasets of a JSON-stat 2.0 document: the dataset itself, or those a collection embeds."""
    if is_jsonstat1(data):
        raise _jsonstat1_error()
    if isinstance(data, dict) and data.get("class") == "collection":
        items = ((data.get("link") or {}).get("item")) or []
        embedded = [i for i in items if isinstance(i, dict) and i.get("class") == "dataset" and "value" in i]
        if not embedded:
            raise StatsFormatError(
                _(
                    "JSON-stat-kokoelma vain viittaa taulukoihin (link.item) eikä sisällä niitä: tuo taulukot "
                    "niiden omista osoitteista."
                )
            )
        return embedded
    if not isinstance(data, dict) or data.get("class") != "dataset" or "dimension" not in data:
        raise StatsFormatError(
            _("Tämä ei ole JSON-stat 2.0 -taulukko (class: dataset, id, size, dimension).")
        )
    return [data]


def parse_jsonstat2(raw: bytes | str | dict, lang: str | None = None, origin: str = "") -> Cube:
    """A JSON-stat 2.0 dataset (PxWeb API v1 `json-stat2`, PxWebApi 2.0, Eurostat and others)."""
    return parse_jsonstat2_all(raw, lang, origin)[0]


def parse_jsonstat2_all(raw: bytes | str | dict, lang: str | None = None, origin: str = "") -> list[Cube]:
    """Every dataset of a JSON-stat 2.0 document (a collection can embed several)."""
    data = load_json(raw)
    datasets = jsonstat_datasets(data)
    cubes = [_jsonstat_dataset(d, lang, origin) for d in datasets]
    if len(datasets) > 1 or data is not datasets[0]:
        for cube, item in zip(cubes, datasets, strict=True):
            href = str(item.get("href") or "")
            cube.name = (
                re.sub(r"\.json$", "", urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]) if href else ""
            )
    return cubes


def _jsonstat_dataset(data: dict, lang: str | None, origin: str) -> Cube:
    ids, sizes = data.get("id"), data.get("size")
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise StatsFormatError(_("JSON-stat-taulukon id- ja size-luettelot puuttuvat tai ovat eripituiset."))
    try:
        sizes = [int(s) for s in sizes]
    except (TypeError, ValueError):
        raise StatsFormatError(_("JSON-stat-taulukon size-luettelossa on muu kuin kokonaisluku.")) from None
    roles: dict[str, str] = {}
    for role, names in (data.get("role") or {}).items():
        for name in names or []:
            roles.setdefault(name, role)
    extension = data.get("extension") or {}
    px = extension.get("px") or {}
    declared = str(px.get("language") or extension.get("lang") or data.get("lang") or "").lower()[:2]
    texts = [str(data.get("label") or ""), str(data.get("source") or "")]
    for dim_id in ids:
        spec = (data.get("dimension") or {}).get(dim_id) or {}
        texts.append(str(spec.get("label") or ""))
        texts.extend(str(v) for v in list(((spec.get("category") or {}).get("label") or {}).values())[:30])
    language = detect_language(texts, lang or declared or language_of_address(origin))
    default_decimals = px.get("decimals")
    dims: list[Dim] = []
    for dim_id, size in zip(ids, sizes, strict=True):
        spec = (data.get("dimension") or {}).get(dim_id)
        if spec is None:
            raise StatsFormatError(_("Ulottuvuuden %(dim)s kuvaus puuttuu.") % {"dim": dim_id})
        cat = spec.get("category") or {}
        index, labels = cat.get("index"), cat.get("label") or {}
        if index is None:
            codes = list(labels)
        elif isinstance(index, list):
            codes = list(index)
        else:
            codes = sorted(index, key=index.__getitem__)
            if [index[c] for c in codes] != list(range(len(codes))):
                raise StatsFormatError(
                    _("Ulottuvuuden %(dim)s luokkien järjestysnumerot (index) eivät ole 0…%(last)s.")
                    % {"dim": dim_id, "last": len(codes) - 1}
                )
        if len(codes) != size:
            raise StatsFormatError(
                _("Ulottuvuuden %(dim)s koko on %(size)s, mutta luokkia on %(found)s.")
                % {"dim": dim_id, "size": size, "found": len(codes)}
            )
        units = cat.get("unit") or {}
        parent_of = {child: parent for parent, kids in (cat.get("child") or {}).items() for child in kids}
        categories = []
        for code in codes:
            unit = units.get(code) or {}
            decimals = unit.get("decimals", default_decimals) if unit else default_decimals
            categories.append(
                Category(
                    code=str(code),
                    labels={language: str(labels.get(code, code))},
                    units={language: str(unit.get("label") or unit.get("symbol") or unit.get("base") or "")}
                    if unit
                    else {},
                    decimals=int(decimals) if isinstance(decimals, int | float) else None,
                    parent=str(parent_of.get(code, "")),
                )
            )
        label = str(spec.get("label") or dim_id)
        role = dimension_role(str(dim_id), [label], [str(c) for c in codes], roles.get(dim_id, ""))
        dims.append(Dim(str(dim_id), {language: label}, categories, role))
    total = math.prod(sizes)
    values = _jsonstat_values(data.get("value"), total, sizes)
    status = _jsonstat_status(data.get("status"), total)
    notes = data.get("note") or []
    source = str(data.get("source") or "")
    zone = publisher_zone(source, str(extension.get("contact") or ""), origin)
    cube = Cube(
        dims=dims,
        values=values,
        status=status,
        title={language: str(data.get("label") or px.get("contents") or "")},
        source={language: source} if source else {},
        table_id=str(px.get("tableid") or px.get("matrix") or extension.get("datasetId") or ""),
        updated=parse_time(data.get("updated"), zone),
        notes=[str(n) for n in notes] if isinstance(notes, list) else [str(notes)],
        format="jsonstat2",
        language=language,
    )
    cube.validate()
    return cube


def _jsonstat_values(raw_values, total: int, sizes: list[int]) -> list[float | None]:
    if raw_values is None or (len(raw_values) == 0 and total > 0 and not isinstance(raw_values, dict)):
        raise StatsFormatError(
            _("JSON-stat-taulukossa ei ole arvoja (value puuttuu): onko tämä pelkkä metatieto?")
        )
    if isinstance(raw_values, dict):
        # Sparse: only the cells that have a value are listed, by position.
        values: list[float | None] = [None] * total
        for key, v in raw_values.items():
            try:
                pos = int(key)
            except ValueError:
                raise StatsFormatError(
                    _("Arvon sijainti %(pos)r ei ole kokonaisluku.") % {"pos": key}
                ) from None
            if not 0 <= pos < total:
                raise StatsFormatError(_("Arvon sijainti %(pos)s on taulukon ulkopuolella.") % {"pos": key})
            values[pos] = _number(v, key)
        return values
    if not isinstance(raw_values, list):
        raise StatsFormatError(_("JSON-stat-taulukon value ei ole luettelo eikä objekti."))
    if len(raw_values) != total:
        raise StatsFormatError(
            _("Arvoja on %(found)s, mutta ulottuvuuksien koot %(sizes)s edellyttävät %(expected)s arvoa.")
            % {"found": len(raw_values), "sizes": " × ".join(map(str, sizes)), "expected": total}
        )
    # Numbers and nulls are the common case; only strings need the slower symbol check.
    return [
        None if v is None else float(v) if type(v) is int or type(v) is float else _number(v, str(i))
        for i, v in enumerate(raw_values)
    ]


def _jsonstat_status(raw_status, total: int) -> dict[int, str]:
    """Status by position. JSON-stat: a string, or an array of one element, applies to every value."""
    if isinstance(raw_status, str):
        return {i: raw_status for i in range(total)} if raw_status else {}
    if isinstance(raw_status, list):
        if len(raw_status) == 1:
            return {i: str(raw_status[0]) for i in range(total)} if raw_status[0] else {}
        if len(raw_status) not in (0, total):
            raise StatsFormatError(
                _("Tilatietoja (status) on %(found)s, kun arvoja on %(expected)s.")
                % {"found": len(raw_status), "expected": total}
            )
        return {i: str(s) for i, s in enumerate(raw_status) if s}
    if isinstance(raw_status, dict):
        out = {}
        for key, s in raw_status.items():
            try:
                pos = int(key)
            except ValueError:
                raise StatsFormatError(
                    _("Tilatiedon sijainti %(pos)r ei ole kokonaisluku.") % {"pos": key}
                ) from None
            if s and 0 <= pos < total:
                out[pos] = str(s)
        return out
    return {}


# ---------------------------------------------------------------- PxWeb API v1 "json"


def parse_pxweb_json(raw: bytes | str | dict, lang: str | None = None, origin: str = "") -> Cube:
    """The PxWeb API v1 `"format": "json"` response: columns, and data rows of key codes and values.

    The format carries only codes for the categories; the cube holds the combinations that occur,
    in order of first appearance, and combinations that do not occur are missing.
    """
    data = load_json(raw)
    if not isinstance(data, dict) or "columns" not in data or "data" not in data:
        raise StatsFormatError(_("Tämä ei ole PxWeb API v1 -json-vastaus (columns ja data puuttuvat)."))
    columns = data["columns"]
    if not isinstance(columns, list) or not all(isinstance(c, dict) and "code" in c for c in columns):
        raise StatsFormatError(_("PxWeb-vastauksen columns-luettelon sarakkeilta puuttuu code."))
    key_cols = [c for c in columns if c.get("type") in ("d", "t")]
    value_cols = [c for c in columns if c.get("type") == "c"]
    if not value_cols:
        raise StatsFormatError(_("PxWeb-vastauksessa ei ole yhtään arvosaraketta (type c)."))
    meta = (data.get("metadata") or [{}])[0]
    texts = [str(c.get("text") or "") for c in columns] + [
        str(meta.get("label") or ""),
        str(meta.get("source") or ""),
    ]
    language = detect_language(texts, lang or language_of_address(origin))
    seen: list[dict[str, int]] = [{} for _col in key_cols]
    rows = data["data"]
    for n, row in enumerate(rows):
        key, vals = row.get("key"), row.get("values")
        if not isinstance(key, list) or len(key) != len(key_cols):
            raise StatsFormatError(
                _("Rivin %(row)s avaimessa on %(found)s koodia, odotettiin %(expected)s.")
                % {"row": n + 1, "found": len(key or []), "expected": len(key_cols)}
            )
        if not isinstance(vals, list) or len(vals) != len(value_cols):
            raise StatsFormatError(
                _("Rivillä %(row)s on %(found)s arvoa, odotettiin %(expected)s.")
                % {"row": n + 1, "found": len(vals or []), "expected": len(value_cols)}
            )
        for i, code in enumerate(key):
            seen[i].setdefault(str(code), len(seen[i]))
    dims = []
    for i, col in enumerate(key_cols):
        label = str(col.get("text") or col["code"])
        codes = list(seen[i])
        declared = "time" if col.get("type") == "t" else ""
        dims.append(
            Dim(
                str(col["code"]),
                {language: label},
                [Category(code, {language: code}) for code in codes],
                dimension_role(str(col["code"]), [label], codes, declared),
            )
        )
    source = str(meta.get("source") or "")
    # PxWeb names the contents variable "Tiedot" in StatFin and "ContentsCode" elsewhere; the json
    # format leaves it out, so take the publisher's convention.
    contents_code = "Tiedot" if is_statfin(source, origin) else "ContentsCode"
    if contents_code in {d.code for d in dims}:
        contents_code = "ContentsCode" if contents_code == "Tiedot" else "Tiedot"
    metric = Dim(
        contents_code,
        {language: CONTENTS_LABELS.get(language, CONTENTS_LABELS["en"])},
        [
            Category(
                str(c["code"]),
                {language: str(c.get("text") or c["code"])},
                {language: str(c.get("unit") or "")} if c.get("unit") else {},
            )
            for c in value_cols
        ],
        "metric",
    )
    dims.append(metric)
    sizes = [d.size for d in dims]
    strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
    values: list[float | None] = [None] * math.prod(sizes)
    status: dict[int, str] = {}
    for n, row in enumerate(rows):
        base = sum(seen[i][str(code)] * strides[i] for i, code in enumerate(row["key"]))
        for j, raw_value in enumerate(row["values"]):
            pos = base + j * strides[-1]
            value = _number(raw_value, _("rivi %(row)s") % {"row": n + 1})
            values[pos] = value
            symbol = str(raw_value).strip() if raw_value is not None else ""
            if (value is None or symbol == NIL_SYMBOL) and symbol:
                status[pos] = symbol
    notes = [str(c.get("comment") or c) for c in data.get("comments") or []]
    notes += [f"{c.get('text')}: {c['comment'].strip()}" for c in columns if c.get("comment")]
    cube = Cube(
        dims=dims,
        values=values,
        status=status,
        title={language: str(meta.get("label") or "")},
        source={language: source} if source else {},
        table_id=str(meta.get("infofile") or ""),
        updated=parse_time(meta.get("updated"), publisher_zone(source, origin)),
        notes=notes,
        format="pxweb-json",
        language=language,
    )
    cube.validate()
    return cube


# ---------------------------------------------------------------- PX files

_KEYWORD = re.compile(
    r"^(?P<key>[A-Za-z0-9\-]+)(?:\[(?P<lang>[A-Za-z_\-]{2,8})\])?(?:\((?P<sub>.*)\))?$", re.S
)
_QUOTED = re.compile(r'"((?:[^"]|"")*)"')


def px_codepage(raw: bytes) -> str:
    """The declared CODEPAGE, checked against the text encodings PX files use."""
    head = raw[:20000].decode("ascii", errors="replace")
    match = re.search(r'(?m)^\s*CODEPAGE\s*=\s*"([^"]*)"', head)
    if not match:
        return ""
    declared = match.group(1).strip()
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        name = ""
    if name not in PX_CODEPAGES:
        raise StatsFormatError(
            _(
                "PX-tiedoston CODEPAGE=%(codepage)r ei ole merkistö, jolla PX-tiedostoja kirjoitetaan. Sallitut: "
                "UTF-8, ISO-8859-1…15, Windows-1250…1257 ja DOS-merkistöt 437, 850 ja 865."
            )
            % {"codepage": declared[:40]}
        )
    return name


def _px_decode(raw: bytes) -> str:
    declared = px_codepage(raw)
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace")
    # A file saved as UTF-8 whatever it declares is valid UTF-8 with multibyte sequences, which text in
    # a single-byte code page practically never is.
    if declared in ("", "utf-8", "iso8859-1", "latin-1", "iso8859-15", "cp1252"):
        try:
            text = raw.decode("utf-8")
            if any(ord(ch) > 127 for ch in text) or declared == "utf-8":
                return text
        except UnicodeDecodeError:
            if declared == "utf-8":
                raise StatsFormatError(
                    _("PX-tiedosto ilmoittaa merkistön UTF-8, mutta ei ole UTF-8:aa.")
                ) from None
    codepage = declared or "iso8859-1"  # the PX specification's default
    text = raw.decode(codepage, errors="replace")
    if codepage.startswith(("iso8859", "latin")) and re.search("[\x80-\x9f]", text):
        # Files declared ISO-8859 are in practice often saved in Windows-1252 ("ANSI"), whose signs
        # (’ – €) sit where ISO-8859 has unused control codes; read those bytes as Windows-1252.
        text = re.sub(
            "[\x80-\x9f]", lambda m: bytes([ord(m.group())]).decode("cp1252", errors="replace"), text
        )
    return text


def _px_strings(value: str) -> list[str]:
    """The quoted strings of a PX value. Strings broken over lines ("abc"\\n"def") are one string."""
    joined = re.sub(r'"[ \t]*\r?\n[ \t]*"', "", value.strip())
    return [m.replace('""', '"') for m in _QUOTED.findall(joined)]


def _px_scalar(value: str | None) -> str:
    """A single value: the joined quoted text, or the bare word (YES, 2, TLIST(A1))."""
    if value is None:
        return ""
    strings = _px_strings(value)
    return " ".join(strings) if strings else value.strip()


def _px_statements(head: str) -> list[str]:
    """Statements of the metadata part: they end at ';' outside quotes."""
    statements: list[str] = []
    start, in_quote = 0, False
    for i, ch in enumerate(head):
        if ch == '"':
            in_quote = not in_quote
        elif ch == ";" and not in_quote:
            statements.append(head[start:i].strip())
            start = i + 1
    if head[start:].strip():
        raise StatsFormatError(_("PX-tiedoston otsakeosa on katkennut (puolipiste puuttuu ennen DATA-osaa)."))
    return statements


def _split_data(text: str) -> tuple[str, str]:
    """(metadata part, data part) at the DATA keyword that starts a statement."""
    in_quote = False
    at_statement_start = True
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            in_quote = not in_quote
        elif not in_quote:
            if ch == ";":
                at_statement_start = True
            elif not ch.isspace():
                if at_statement_start and text.startswith("DATA", i):
                    rest = text[i + 4 :].lstrip()
                    if rest.startswith("="):
                        return text[:i], rest[1:]
                at_statement_start = False
        i += 1
    raise StatsFormatError(
        _("PX-tiedostosta puuttuu DATA-osa: tiedosto on katkennut tai ei ole PX-tiedosto.")
    )


_DATA_TOKEN = re.compile(r'"((?:[^"]|"")*)"|([^\s,;"]+)|(;)')


def parse_px(raw: bytes, lang: str | None = None, origin: str = "") -> Cube:
    """A PX file (PC-Axis): STUB/HEADING order, VALUES and CODES, VARIABLECODE, multilingual keys
    (`VALUES[sv]("År")`), TIMEVAL, CONTVARIABLE, units, PRECISION, ELIMINATION, LAST-UPDATED, NOTE,
    data symbols and KEYS (sparse rows)."""
    if not raw.strip():
        raise StatsFormatError(_("PX-tiedosto on tyhjä."))
    text = _px_decode(raw)
    head, data_part = _split_data(text)
    meta: dict[tuple[str, str, tuple[str, ...]], str] = {}
    for stmt in _px_statements(head):
        if not stmt or "=" not in stmt:
            continue
        key_part, _eq, value = stmt.partition("=")
        m = _KEYWORD.match(key_part.strip())
        if not m:
            continue
        sub = tuple(_px_strings(m.group("sub") or "")) or (
            (m.group("sub").strip(),) if m.group("sub") else ()
        )
        meta[(m.group("key").upper(), (m.group("lang") or "").lower(), sub)] = value.strip()

    def get(key: str, lang_: str = "", *sub: str) -> str | None:
        return meta.get((key, lang_, tuple(sub)))

    declared = _px_scalar(get("LANGUAGE")).lower()
    languages = [x.lower() for x in _px_strings(get("LANGUAGES") or "")]
    stub = _px_strings(get("STUB") or "")
    heading = _px_strings(get("HEADING") or "")
    variables = stub + heading
    if not variables:
        raise StatsFormatError(_("PX-tiedostosta puuttuvat STUB- ja HEADING-määrittelyt."))
    main = declared or detect_language(
        [_px_scalar(get(k)) for k in ("TITLE", "DESCRIPTION", "CONTENTS", "SOURCE", "UNITS")] + variables,
        lang or "",
    )
    languages = [main] + [x for x in languages if x != main]

    def key_lang(lg: str) -> str:
        return "" if lg == main else lg

    names_by_lang = {main: variables}
    for other in languages[1:]:
        translated = _px_strings(get("STUB", other) or "") + _px_strings(get("HEADING", other) or "")
        if len(translated) == len(variables):
            names_by_lang[other] = translated
    contvar = _px_scalar(get("CONTVARIABLE"))
    default_units = {lg: _px_scalar(get("UNITS", key_lang(lg))) for lg in languages}
    decimals_text = _px_scalar(get("DECIMALS"))
    decimals_default = int(decimals_text) if decimals_text.isdigit() else None
    symbols = _px_data_symbols(get)
    dims: list[Dim] = []
    for i, name in enumerate(variables):
        values_main = _px_strings(get("VALUES", "", name) or "")
        if not values_main:
            raise StatsFormatError(_("Muuttujalta %(var)s puuttuu VALUES-luettelo.") % {"var": name})
        codes = _px_strings(get("CODES", "", name) or "") or values_main
        if len(codes) != len(values_main):
            raise StatsFormatError(
                _("Muuttujan %(var)s CODES- ja VALUES-luetteloissa on eri määrä kohtia (%(a)s ja %(b)s).")
                % {"var": name, "a": len(codes), "b": len(values_main)}
            )
        dim_labels = {main: name}
        labels_by_lang = {main: values_main}
        for other, names in names_by_lang.items():
            if other == main:
                continue
            dim_labels[other] = names[i]
            translated = _px_strings(get("VALUES", other, names[i]) or "")
            if len(translated) == len(values_main):
                labels_by_lang[other] = translated
        categories = []
        for k, code in enumerate(codes):
            labels = {lg: vals[k] for lg, vals in labels_by_lang.items()}
            units: dict[str, str] = {}
            decimals = decimals_default
            if name == contvar:
                for lg, vals in labels_by_lang.items():
                    unit = get("UNITS", key_lang(lg), dim_labels.get(lg, name), vals[k])
                    unit = unit if unit is not None else get("UNITS", key_lang(lg), vals[k])
                    units[lg] = _px_scalar(unit) if unit is not None else default_units.get(lg, "")
                precision = _px_scalar(get("PRECISION", "", name, values_main[k]))
                if precision.isdigit():
                    decimals = int(precision)
            else:
                units = {lg: u for lg, u in default_units.items() if u}
                precision = _px_scalar(get("PRECISION", "", name, values_main[k]))
                if precision.isdigit():
                    decimals = int(precision)
            categories.append(Category(code, labels, {lg: u for lg, u in units.items() if u}, decimals))
        var_type = _px_scalar(get("VARIABLE-TYPE", "", name)).lower()
        declared_role = ""
        if get("TIMEVAL", "", name) is not None or var_type == "time":
            declared_role = "time"
        elif name == contvar:
            declared_role = "metric"
        elif var_type in ("geographical", "geographic") or get("MAP", "", name) is not None:
            declared_role = "geo"
        role = dimension_role(name, dim_labels.values(), codes, declared_role)
        elimination = _px_scalar(get("ELIMINATION", "", name))
        total = ""
        if elimination and elimination.upper() not in ("YES", "NO"):
            total = codes[values_main.index(elimination)] if elimination in values_main else ""
        code = _px_scalar(get("VARIABLECODE", "", name)) or name
        dims.append(Dim(code, dim_labels, categories, role, total))
    values, status = _px_data(data_part, dims, variables, get, symbols)

    def texts(key: str) -> dict[str, str]:
        out = {}
        for lg in languages:
            v = _px_scalar(get(key, key_lang(lg))).strip()
            if v:
                out[lg] = v
        return out

    source = texts("SOURCE")
    zone = publisher_zone(
        " ".join(source.values()), _px_scalar(get("CONTACT")), _px_scalar(get("DATABASE")), origin
    )
    updated = None
    for (key, lg, _sub), value in meta.items():
        if key == "LAST-UPDATED" and not lg:
            stamp = parse_time(_px_scalar(value), zone)
            if stamp and (updated is None or stamp > updated):
                updated = stamp
    table_id = _px_scalar(get("TABLEID")) or _px_scalar(get("MATRIX"))
    notes = [_px_scalar(get(k)) for k in ("NOTE", "NOTEX") if get(k)]
    cube = Cube(
        dims=dims,
        values=values,
        status=status,
        # DESCRIPTION is the longer title when present; an empty one leaves TITLE standing.
        title={lg: t for lg in languages if (t := texts("DESCRIPTION").get(lg) or texts("TITLE").get(lg))}
        or texts("CONTENTS"),
        source=source,
        table_id=table_id,
        updated=updated,
        notes=notes,
        format="px",
        language=main,
    )
    cube.validate()
    return cube


def _px_data_symbols(get) -> dict[str, str]:
    """The file's own data symbols (DATASYMBOL1–6, DATASYMBOLNIL, DATASYMBOLSUM) mapped to their kind."""
    symbols = {s: "missing" for s in MISSING_SYMBOLS}
    symbols[NIL_SYMBOL] = "nil"
    for n in range(1, 7):
        custom = _px_scalar(get(f"DATASYMBOL{n}"))
        if custom:
            symbols[custom] = "missing"
    nil = _px_scalar(get("DATASYMBOLNIL"))
    if nil:
        symbols[nil] = "nil"
    return symbols


def _px_data(data_part: str, dims: list[Dim], variables: list[str], get, symbols: dict[str, str]):
    """Values and status symbols of the DATA part: dense (row-major over STUB then HEADING), rows
    optionally ending with ';', or sparse rows that start with KEYS."""
    sizes = [d.size for d in dims]
    expected = math.prod(sizes)
    stripped = data_part.rstrip()
    if not stripped.endswith(";"):
        raise StatsFormatError(_("PX-tiedoston DATA-osa on katkennut: lopettava puolipiste puuttuu."))
    keyed = [i for i, name in enumerate(variables) if get("KEYS", "", name) is not None]
    tokens: list[tuple[str, bool]] = []  # (text, was quoted); ';' kept for keyed rows
    for m in _DATA_TOKEN.finditer(stripped):
        if m.group(3):
            tokens.append((";", False))
        elif m.group(1) is not None:
            tokens.append((m.group(1), True))
        else:
            tokens.append((m.group(2), False))
    values: list[float | None] = [None] * expected
    status: dict[int, str] = {}

    def put(pos: int, token: str, where: str) -> None:
        kind = symbols.get(token)
        if kind == "missing":
            status[pos] = token
            return
        if kind == "nil":
            values[pos] = 0.0
            status[pos] = token
            return
        try:
            values[pos] = float(
                token.replace(",", ".") if token.count(",") == 1 and "." not in token else token
            )
        except ValueError:
            raise StatsFormatError(
                _(
                    "PX-tiedoston DATA-osan arvo %(value)r (%(where)s) ei ole luku eikä puuttuvan tiedon merkki."
                )
                % {"value": token[:40], "where": where}
            ) from None

    if not keyed:
        cells = [t for t, _q in tokens if t != ";" or _q]
        if len(cells) != expected:
            rows = [t for t in stripped.split(";") if t.strip()]
            where = (
                _("%(rows)s riviä, joissa on %(per)s arvoa")
                % {
                    "rows": len(rows),
                    "per": ", ".join(sorted({str(len(_DATA_TOKEN.findall(r))) for r in rows})[:5]),
                }
                if len(rows) > 1
                else _("yhtenä jonona")
            )
            raise StatsFormatError(
                _(
                    "PX-tiedoston DATA-osassa on %(found)s arvoa (%(where)s), mutta muuttujien koot %(sizes)s "
                    "(STUB %(stub)s, HEADING %(heading)s) edellyttävät %(expected)s."
                )
                % {
                    "found": len(cells),
                    "where": where,
                    "sizes": " × ".join(str(s) for s in sizes),
                    "stub": ", ".join(variables[: len(variables) - len(_px_strings(get("HEADING") or ""))])
                    or "–",
                    "heading": ", ".join(_px_strings(get("HEADING") or "")) or "–",
                    "expected": expected,
                }
            )
        for pos, token in enumerate(cells):
            put(pos, token, _("kohta %(pos)s") % {"pos": pos + 1})
        return values, status

    # KEYS: each row names the categories of the keyed variables and gives the values of the others;
    # rows left out are nil, as the PX specification defines.
    by_label = []
    for i in keyed:
        mode = _px_scalar(get("KEYS", "", variables[i])).upper()
        lookup = (
            {c.code: k for k, c in enumerate(dims[i].categories)}
            if mode == "CODES"
            else {c.labels[next(iter(c.labels))]: k for k, c in enumerate(dims[i].categories)}
        )
        by_label.append(lookup)
    rest = [i for i in range(len(dims)) if i not in keyed]
    per_row = math.prod(sizes[i] for i in rest)
    strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
    for pos in range(expected):
        values[pos] = 0.0
    row: list[str] = []
    row_number = 0
    for text_, quoted in tokens:
        if text_ == ";" and not quoted:
            if not row:
                continue
            row_number += 1
            keys, cells = row[: len(keyed)], row[len(keyed) :]
            if len(cells) != per_row:
                raise StatsFormatError(
                    _("PX-tiedoston DATA-osan rivillä %(row)s on %(found)s arvoa, odotettiin %(expected)s.")
                    % {"row": row_number, "found": len(cells), "expected": per_row}
                )
            base = 0
            for lookup, i, key in zip(by_label, keyed, keys, strict=True):
                if key not in lookup:
                    raise StatsFormatError(
                        _(
                            "PX-tiedoston DATA-osan rivin %(row)s avain %(key)r ei ole muuttujan %(var)s luokka."
                        )
                        % {"row": row_number, "key": key, "var": variables[i]}
                    )
                base += lookup[key] * strides[i]
            for n, token in enumerate(cells):
                offset, rem = 0, n
                for i in reversed(rest):
                    rem, index = divmod(rem, sizes[i])
                    offset += index * strides[i]
                values[base + offset] = None
                put(base + offset, token, _("rivi %(row)s") % {"row": row_number})
            row = []
        else:
            row.append(text_)
    if row:
        raise StatsFormatError(_("PX-tiedoston DATA-osan viimeiseltä riviltä puuttuu puolipiste."))
    return values, status


# ---------------------------------------------------------------- detection


def detect_format(raw: bytes) -> str:
    """'px', 'jsonstat2' or 'pxweb-json' from the content; StatsFormatError when none fits."""
    head = raw[:2000].lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if head[:1] in (b"{", b"["):
        data = load_json(raw)
        if is_jsonstat1(data):
            raise _jsonstat1_error()
        if isinstance(data, dict) and data.get("class") in ("dataset", "collection"):
            return "jsonstat2"
        if isinstance(data, dict) and "columns" in data and "data" in data:
            return "pxweb-json"
        if isinstance(data, dict) and "variables" in data and "title" in data:
            raise StatsFormatError(
                _(
                    "Tiedosto on PxWeb-taulukon kuvaus (metatiedot), ei sen dataa: hae data lähettämällä "
                    "taulukkoon kysely (alke import-stats OSOITE tekee sen, tai --query KYSELY.json)."
                )
            )
        raise StatsFormatError(
            _(
                "JSON-tiedoston muotoa ei tunnistettu: odotettiin JSON-stat 2.0 -taulukkoa tai PxWeb API v1 -json-vastausta."
            )
        )
    if re.match(rb"^[A-Z][A-Z0-9\-]*(\[[A-Za-z_\-]+\])?(\(.*?\))?\s*=", head):
        return "px"
    raise StatsFormatError(
        _("Tiedoston muotoa ei tunnistettu: tuetut muodot ovat JSON-stat 2.0, PxWeb-json ja PX.")
    )


def parse_all(raw: bytes, fmt: str = "auto", lang: str | None = None, origin: str = "") -> list[Cube]:
    """Every table in `raw` (a JSON-stat collection can hold several; the other formats hold one)."""
    if fmt == "auto":
        fmt = detect_format(raw)
    if fmt == "jsonstat2":
        return parse_jsonstat2_all(raw, lang, origin)
    if fmt == "pxweb-json":
        return [parse_pxweb_json(raw, lang, origin)]
    if fmt == "px":
        return [parse_px(raw, lang, origin)]
    raise StatsFormatError(
        _("Tuntematon muoto %(fmt)s: käytä auto, jsonstat2, pxweb-json tai px.") % {"fmt": fmt}
    )


def parse(raw: bytes, fmt: str = "auto", lang: str | None = None, origin: str = "") -> Cube:
    """Parse `raw` in the given format ('auto' detects it); a collection must hold exactly one table."""
    cubes = parse_all(raw, fmt, lang, origin)
    if len(cubes) != 1:
        raise StatsFormatError(
            _(
                "JSON-stat-kokoelmassa on %(n)s taulukkoa: %(labels)s. Tuo kokoelma koko tiedostona (taulukko kerrallaan)."
            )
            % {"n": len(cubes), "labels": "; ".join(next(iter(c.title.values()), "") for c in cubes)}
        )
    return cubes[0]
