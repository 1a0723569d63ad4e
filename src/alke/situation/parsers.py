"""Parsers for statistical tables: JSON-stat 2.0, the PxWeb API v1 "json" format and PX files.

Every parser returns a `Cube`: ordered dimensions with their categories and a dense, row-major list
of values (None for a missing value, with the source's status symbol kept aside). Bad input raises
`StatsFormatError` with a message that names the problem; nothing is half-parsed.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from alke.core.domain import DomainError

LANGS = ("fi", "sv", "en")
# Symbols statistics offices use for missing, confidential or not applicable values.
GEO_NAMES = {"alue", "maakunta", "kunta", "seutukunta", "region", "area", "område"}
MISSING_SYMBOLS = {"", ".", "..", "...", "....", ".....", "......", "-", "x", "X", "nan", "NaN"}


class StatsFormatError(DomainError):
    """The input is not a valid statistical table; the message says what is wrong."""


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

    @property
    def size(self) -> int:
        return len(self.categories)


@dataclass
class Cube:
    """A parsed table. `values[i]` is the cell at row-major position i (None = missing)."""

    dims: list[Dim]
    values: list[float | None]
    status: dict[int, str] = field(default_factory=dict)
    title: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)
    table_id: str = ""
    updated: datetime | None = None
    licence: str = ""
    notes: list[str] = field(default_factory=list)
    format: str = ""

    @property
    def sizes(self) -> list[int]:
        return [d.size for d in self.dims]

    @property
    def cell_count(self) -> int:
        return math.prod(self.sizes) if self.dims else 0

    def validate(self) -> None:
        if not self.dims:
            raise StatsFormatError(_("Taulukossa ei ole yhtään ulottuvuutta."))
        for dim in self.dims:
            if not dim.categories:
                raise StatsFormatError(_("Ulottuvuudella %(dim)s ei ole yhtään luokkaa.") % {"dim": dim.code})
            codes = [c.code for c in dim.categories]
            if len(set(codes)) != len(codes):
                raise StatsFormatError(_("Ulottuvuudella %(dim)s on toistuvia koodeja.") % {"dim": dim.code})
        if len(self.values) != self.cell_count:
            raise StatsFormatError(
                _("Arvoja on %(found)s, mutta ulottuvuuksien koot %(sizes)s edellyttävät %(expected)s arvoa.")
                % {
                    "found": len(self.values),
                    "sizes": " × ".join(str(s) for s in self.sizes),
                    "expected": self.cell_count,
                }
            )


def _number(raw: Any, where: str) -> float | None:
    """A numeric value, or None for a missing-value symbol; anything else is an error."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise StatsFormatError(
            _("Arvo %(value)r kohdassa %(where)s ei ole luku.") % {"value": raw, "where": where}
        )
    if isinstance(raw, int | float):
        return None if isinstance(raw, float) and math.isnan(raw) else float(raw)
    text = str(raw).strip().strip('"')
    if text in MISSING_SYMBOLS:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise StatsFormatError(
            _("Arvo %(value)r kohdassa %(where)s ei ole luku eikä puuttuvan tiedon merkki.")
            % {"value": text, "where": where}
        ) from None


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    text = text.strip()
    for fmt in (
        "%Y-%m-%dT%H:%M:%SZ",
        "%Y-%m-%dT%H:%M:%S.%fZ",
        "%Y-%m-%dT%H:%M:%S",
        "%Y%m%d %H:%M",
        "%Y-%m-%d",
    ):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def load_json(raw: bytes | str | dict) -> Any:
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


def parse_jsonstat2(raw: bytes | str | dict, lang: str = "fi") -> Cube:
    """A JSON-stat 2.0 dataset (PxWeb API v1 `json-stat2` and PxWebApi 2.0 responses)."""
    data = load_json(raw)
    if isinstance(data, dict) and data.get("class") == "collection":
        raise StatsFormatError(_("JSON-stat-kokoelmaa ei tueta; tuo yksi taulukko (class: dataset)."))
    if not isinstance(data, dict) or data.get("class") != "dataset" or "dimension" not in data:
        raise StatsFormatError(
            _("Tämä ei ole JSON-stat 2.0 -taulukko (class: dataset, id, size, dimension).")
        )
    ids, sizes = data.get("id"), data.get("size")
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise StatsFormatError(_("JSON-stat-taulukon id- ja size-luettelot puuttuvat tai ovat eripituiset."))
    roles: dict[str, str] = {}
    for role, names in (data.get("role") or {}).items():
        for name in names or []:
            roles[name] = role
    px = (data.get("extension") or {}).get("px") or {}
    lang = str(px.get("language") or lang)[:2]
    default_decimals = px.get("decimals")
    dims: list[Dim] = []
    for dim_id, size in zip(ids, sizes, strict=True):
        spec = data["dimension"].get(dim_id)
        if spec is None:
            raise StatsFormatError(_("Ulottuvuuden %(dim)s kuvaus puuttuu.") % {"dim": dim_id})
        cat = spec.get("category") or {}
        index = cat.get("index")
        labels = cat.get("label") or {}
        if index is None:
            codes = list(labels)
        elif isinstance(index, list):
            codes = list(index)
        else:
            codes = sorted(index, key=index.__getitem__)
        if len(codes) != size:
            raise StatsFormatError(
                _("Ulottuvuuden %(dim)s koko on %(size)s, mutta luokkia on %(found)s.")
                % {"dim": dim_id, "size": size, "found": len(codes)}
            )
        units = cat.get("unit") or {}
        children = cat.get("child") or {}
        parent_of = {child: parent for parent, kids in children.items() for child in kids}
        categories = []
        for code in codes:
            unit = units.get(code) or {}
            label = labels.get(code, code)
            categories.append(
                Category(
                    code=str(code),
                    labels={lang: str(label)},
                    units={lang: str(unit.get("label") or unit.get("base") or "")} if unit else {},
                    decimals=unit.get("decimals", default_decimals) if unit else default_decimals,
                    parent=parent_of.get(code, ""),
                )
            )
        role = roles.get(dim_id) or ("geo" if str(dim_id).lower() in GEO_NAMES else "other")
        dims.append(Dim(str(dim_id), {lang: str(spec.get("label") or dim_id)}, categories, role))
    total = math.prod(sizes)
    raw_values = data.get("value")
    if raw_values is None or (len(raw_values) == 0 and total > 0):
        raise StatsFormatError(
            _("JSON-stat-taulukossa ei ole arvoja (value puuttuu): onko tämä pelkkä metatieto?")
        )
    if isinstance(raw_values, dict):
        values: list[float | None] = [None] * total
        for key, v in raw_values.items():
            pos = int(key)
            if not 0 <= pos < total:
                raise StatsFormatError(_("Arvon sijainti %(pos)s on taulukon ulkopuolella.") % {"pos": key})
            values[pos] = _number(v, key)
    else:
        if len(raw_values) != total:
            raise StatsFormatError(
                _("Arvoja on %(found)s, mutta ulottuvuuksien koot %(sizes)s edellyttävät %(expected)s arvoa.")
                % {"found": len(raw_values), "sizes": " × ".join(map(str, sizes)), "expected": total}
            )
        # Numbers and nulls are the common case; only strings need the slower symbol check.
        values = [
            None if v is None else float(v) if type(v) is int or type(v) is float else _number(v, str(i))
            for i, v in enumerate(raw_values)
        ]
    status: dict[int, str] = {}
    raw_status = data.get("status")
    if isinstance(raw_status, list):
        status = {i: str(s) for i, s in enumerate(raw_status) if s}
    elif isinstance(raw_status, dict):
        status = {int(k): str(s) for k, s in raw_status.items() if s}
    elif isinstance(raw_status, str) and raw_status:
        status = {i: raw_status for i in range(total)}
    notes = data.get("note") or []
    cube = Cube(
        dims=dims,
        values=values,
        status=status,
        title={lang: str(data.get("label") or px.get("contents") or "")},
        source={lang: str(data.get("source") or "")},
        table_id=str(px.get("tableid") or px.get("matrix") or ""),
        updated=_parse_time(data.get("updated")),
        notes=[str(n) for n in notes] if isinstance(notes, list) else [str(notes)],
        format="jsonstat2",
    )
    cube.validate()
    return cube


# ---------------------------------------------------------------- PxWeb API v1 "json"


def parse_pxweb_json(raw: bytes | str | dict, lang: str = "fi") -> Cube:
    """The PxWeb API v1 `"format": "json"` response: columns, and data rows of key codes and values.

    The format carries only codes for the categories; the cube holds the combinations that occur,
    in order of first appearance, and combinations that do not occur are missing.
    """
    data = load_json(raw)
    if not isinstance(data, dict) or "columns" not in data or "data" not in data:
        raise StatsFormatError(_("Tämä ei ole PxWeb API v1 -json-vastaus (columns ja data puuttuvat)."))
    columns = data["columns"]
    key_cols = [c for c in columns if c.get("type") in ("d", "t")]
    value_cols = [c for c in columns if c.get("type") == "c"]
    if not value_cols:
        raise StatsFormatError(_("PxWeb-vastauksessa ei ole yhtään arvosaraketta (type c)."))
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
    dims = [
        Dim(
            str(col["code"]),
            {lang: str(col.get("text") or col["code"])},
            [Category(code, {lang: code}) for code in seen[i]],
            "time" if col.get("type") == "t" else "geo" if str(col["code"]).lower() in GEO_NAMES else "other",
        )
        for i, col in enumerate(key_cols)
    ]
    metric = Dim(
        "Tiedot" if "Tiedot" not in {d.code for d in dims} else "ContentsCode",
        {lang: _("Tiedot")},
        [
            Category(
                str(c["code"]), {lang: str(c.get("text") or c["code"])}, {lang: str(c.get("unit") or "")}
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
            if value is None and str(raw_value).strip():
                status[pos] = str(raw_value).strip()
    meta = (data.get("metadata") or [{}])[0]
    cube = Cube(
        dims=dims,
        values=values,
        status=status,
        title={lang: str(meta.get("label") or "")},
        source={lang: str(meta.get("source") or "")},
        updated=_parse_time(meta.get("updated")),
        notes=[str(c.get("comment") or c) for c in data.get("comments") or []],
        format="pxweb-json",
    )
    cube.validate()
    return cube


# ---------------------------------------------------------------- PX files

_KEYWORD = re.compile(r"^(?P<key>[A-Z0-9\-]+)(?:\[(?P<lang>[a-z]{2,3})\])?(?:\((?P<sub>.*)\))?$", re.S)


def _px_decode(raw: bytes) -> str:
    head = raw[:4000].decode("ascii", errors="replace")
    match = re.search(r'CODEPAGE="([^"]+)"', head)
    codepage = (match.group(1) if match else "iso-8859-15").lower()
    try:
        return raw.decode(codepage)
    except (LookupError, UnicodeDecodeError):
        # Files declaring "ANSI" in practice use Windows-1252; ISO-8859-15 differs only in a few signs.
        return raw.decode("cp1252", errors="replace")


def _px_list(value: str) -> list[str]:
    value = value.strip()
    # Strings broken over lines are written as "abc"\n"def": join them first.
    joined = re.sub(r'"\s*\r?\n\s*"', "", value)
    return [m.replace('""', '"') for m in re.findall(r'"((?:[^"]|"")*)"', joined)]


def _px_split_subkey(sub: str) -> list[str]:
    return [m for m in re.findall(r'"((?:[^"]|"")*)"', sub)]


def parse_px(raw: bytes, lang: str | None = None) -> Cube:
    """A PX file (PC-Axis), multilingual keys (`VALUES[sv]("År")`), TIMEVAL, CODES, units, notes."""
    if not raw.strip():
        raise StatsFormatError(_("PX-tiedosto on tyhjä."))
    text = _px_decode(raw)
    head, sep, data_part = text.partition("DATA=")
    if not sep:
        raise StatsFormatError(
            _("PX-tiedostosta puuttuu DATA-osa: tiedosto on katkennut tai ei ole PX-tiedosto.")
        )
    meta: dict[tuple[str, str, tuple[str, ...]], str] = {}
    # Statements end with ';' outside quotes.
    statements: list[str] = []
    buf: list[str] = []
    in_quote = False
    for ch in head:
        if ch == '"':
            in_quote = not in_quote
        if ch == ";" and not in_quote:
            statements.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    if "".join(buf).strip():
        raise StatsFormatError(_("PX-tiedoston otsakeosa on katkennut (puolipiste puuttuu ennen DATA-osaa)."))
    for stmt in statements:
        if not stmt or "=" not in stmt:
            continue
        key_part, _eq, value = stmt.partition("=")
        m = _KEYWORD.match(key_part.strip())
        if not m:
            continue
        meta[(m.group("key"), m.group("lang") or "", tuple(_px_split_subkey(m.group("sub") or "")))] = (
            value.strip()
        )

    def get(key: str, lang_: str = "", *sub: str) -> str | None:
        return meta.get((key, lang_, tuple(sub)))

    main_lang = (_px_list(get("LANGUAGE") or '""') or ["fi"])[0] or "fi"
    languages = _px_list(get("LANGUAGES") or "") or [main_lang]
    stub = _px_list(get("STUB") or "")
    heading = _px_list(get("HEADING") or "")
    variables = stub + heading
    if not variables:
        raise StatsFormatError(_("PX-tiedostosta puuttuvat STUB- ja HEADING-määrittelyt."))
    names_by_lang = {main_lang: variables}
    for other in languages:
        if other == main_lang:
            continue
        translated = _px_list(get("STUB", other) or "") + _px_list(get("HEADING", other) or "")
        if len(translated) == len(variables):
            names_by_lang[other] = translated
    contvar = (_px_list(get("CONTVARIABLE") or "") or [""])[0]
    default_units = {
        lg: (_px_list(get("UNITS", "" if lg == main_lang else lg) or "") or [""])[0] for lg in languages
    }
    decimals_default = int(get("DECIMALS") or 0) if (get("DECIMALS") or "").strip().isdigit() else None
    dims: list[Dim] = []
    for i, name in enumerate(variables):
        values_main = _px_list(get("VALUES", "", name) or "")
        if not values_main:
            raise StatsFormatError(_("Muuttujalta %(var)s puuttuu VALUES-luettelo.") % {"var": name})
        codes = _px_list(get("CODES", "", name) or "") or values_main
        if len(codes) != len(values_main):
            raise StatsFormatError(
                _("Muuttujan %(var)s CODES- ja VALUES-luetteloissa on eri määrä kohtia (%(a)s ja %(b)s).")
                % {"var": name, "a": len(codes), "b": len(values_main)}
            )
        dim_labels = {main_lang: name}
        labels_by_lang = {main_lang: values_main}
        for other, names in names_by_lang.items():
            if other == main_lang:
                continue
            dim_labels[other] = names[i]
            translated = _px_list(get("VALUES", other, names[i]) or "")
            if len(translated) == len(values_main):
                labels_by_lang[other] = translated
        categories = []
        for k, code in enumerate(codes):
            labels = {lg: vals[k] for lg, vals in labels_by_lang.items()}
            units: dict[str, str] = {}
            decimals = decimals_default
            if name == contvar:
                for lg, vals in labels_by_lang.items():
                    unit = get("UNITS", "" if lg == main_lang else lg, vals[k])
                    units[lg] = (_px_list(unit)[0] if unit else default_units.get(lg, "")) or ""
                precision = get("PRECISION", "", name, values_main[k])
                if precision and precision.strip().isdigit():
                    decimals = int(precision)
            else:
                units = {lg: u for lg, u in default_units.items() if u}
            categories.append(Category(code, labels, units, decimals))
        var_type = (_px_list(get("VARIABLE-TYPE", "", name) or "") or [""])[0].lower()
        is_time = get("TIMEVAL", "", name) is not None or var_type == "time"
        if is_time:
            role = "time"
        elif name == contvar:
            role = "metric"
        elif var_type == "geographical" or name.lower() in GEO_NAMES:
            role = "geo"
        else:
            role = "other"
        dims.append(Dim(name, dim_labels, categories, role))
    # Dimension codes: PX has no separate code for a variable; use the main-language name.
    data_text = data_part.strip()
    if not data_text.endswith(";"):
        raise StatsFormatError(_("PX-tiedoston DATA-osa on katkennut: lopettava puolipiste puuttuu."))
    tokens = data_text[:-1].replace('"', " ").replace(",", " ").split()
    expected = math.prod(d.size for d in dims)
    if len(tokens) != expected:
        raise StatsFormatError(
            _(
                "PX-tiedoston DATA-osassa on %(found)s arvoa, mutta muuttujien koot %(sizes)s edellyttävät %(expected)s."
            )
            % {"found": len(tokens), "sizes": " × ".join(str(d.size) for d in dims), "expected": expected}
        )
    values: list[float | None] = []
    status: dict[int, str] = {}
    for pos, tok in enumerate(tokens):
        if tok in MISSING_SYMBOLS:
            values.append(None)
            status[pos] = tok
        else:
            try:
                values.append(float(tok))
            except ValueError:
                raise StatsFormatError(
                    _("PX-tiedoston DATA-osan arvo %(value)r (kohta %(pos)s) ei ole luku.")
                    % {"value": tok, "pos": pos + 1}
                ) from None

    def texts(key: str) -> dict[str, str]:
        out = {}
        for lg in languages:
            v = get(key, "" if lg == main_lang else lg)
            if v is not None:
                out[lg] = " ".join(_px_list(v))
        return out

    updated = None
    for (key, lg, _sub), value in meta.items():
        if key == "LAST-UPDATED" and not lg:
            updated = max(filter(None, [updated, _parse_time((_px_list(value) or [""])[0])]), default=None)
    table_id = (_px_list(get("TABLEID") or "") or _px_list(get("MATRIX") or "") or [""])[0]
    cube = Cube(
        dims=dims,
        values=values,
        status=status,
        title=texts("DESCRIPTION") or texts("TITLE"),
        source=texts("SOURCE"),
        table_id=table_id,
        updated=updated,
        notes=[" ".join(_px_list(get("NOTE") or ""))] if get("NOTE") else [],
        format="px",
    )
    cube.validate()
    return cube


def detect_format(raw: bytes) -> str:
    """'px', 'jsonstat2' or 'pxweb-json' from the content; StatsFormatError when none fits."""
    head = raw[:2000].lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if head[:1] in (b"{", b"["):
        data = load_json(raw)
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
    if re.match(rb"^[A-Z\-]+(\[[a-z]+\])?(\(.*?\))?=", head):
        return "px"
    raise StatsFormatError(
        _("Tiedoston muotoa ei tunnistettu: tuetut muodot ovat JSON-stat 2.0, PxWeb-json ja PX.")
    )


def parse(raw: bytes, fmt: str = "auto") -> Cube:
    """Parse `raw` in the given format ('auto' detects it)."""
    if fmt == "auto":
        fmt = detect_format(raw)
    if fmt == "jsonstat2":
        return parse_jsonstat2(raw)
    if fmt == "pxweb-json":
        return parse_pxweb_json(raw)
    if fmt == "px":
        return parse_px(raw)
    raise StatsFormatError(
        _("Tuntematon muoto %(fmt)s: käytä auto, jsonstat2, pxweb-json tai px.") % {"fmt": fmt}
    )
