"""Open data: every public thing as a table, downloadable as CSV, XLSX or JSON.

Each dataset is a function of its filters that returns (header, rows) of public data only — what an
anonymous reader may see on the pages: reference data, indicator values, published cooperation
documents, the conclusions they contain with their follow-up status, and the public part of the
partnership register. The capability apps' own APIs serve the same things as JSON objects; these are
the flat tables for spreadsheets and statistics tools.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alke.core.domain import DomainError

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FILTERS = ("round", "region", "indicator", "year")


class DatasetError(DomainError):
    """A filter value does not fit; the message names it."""


@dataclass
class Dataset:
    key: str
    title: Any
    description: Any
    rows: Callable[[dict[str, Any]], tuple[list[str], list[list[Any]]]]
    filters: tuple[str, ...] = field(default_factory=tuple)
    source: str = ""


_datasets: dict[str, Dataset] = {}


def register(dataset: Dataset) -> None:
    _datasets.setdefault(dataset.key, dataset)


def datasets() -> list[Dataset]:
    return list(_datasets.values())


def dataset(key: str) -> Dataset | None:
    return _datasets.get(key)


# ---------------------------------------------------------------------------------------------------
# Datasets


def _regions(params):
    from alke.regions.models import Region

    header = ["code", "number", "nuts3", "name_fi", "name_sv", "name_en", "mainland", "bilingual"]
    rows = [
        [r.code, r.number, r.nuts3_code, r.name_fi, r.name_sv, r.name_en, r.is_mainland, r.is_bilingual]
        for r in Region.objects.order_by("code")
    ]
    return header, rows


def _municipalities(params):
    from alke.regions.models import Municipality

    qs = Municipality.objects.select_related("region").order_by("code")
    if params.get("region"):
        qs = qs.filter(region__code=params["region"])
    header = ["code", "name_fi", "name_sv", "name_en", "region"]
    return header, [[m.code, m.name_fi, m.name_sv, m.name_en, m.region.code] for m in qs]


def _ministries(params):
    from alke.regions.models import Ministry

    header = ["abbreviation", "name_fi", "name_sv", "name_en"]
    return header, [
        [m.abbreviation, m.name_fi, m.name_sv, m.name_en] for m in Ministry.objects.order_by("pk")
    ]


def _indicator_values(params):
    from alke.situation.models import IndicatorValue

    qs = IndicatorValue.objects.select_related("indicator", "region").order_by(
        "indicator__code", "area", "year"
    )
    if params.get("indicator"):
        qs = qs.filter(indicator__code=params["indicator"])
    if params.get("region"):
        qs = qs.filter(region__code=params["region"])
    if params.get("year"):
        qs = qs.filter(year=params["year"])
    header = ["indicator", "indicator_name_fi", "unit_fi", "area", "region", "year", "period", "value"]
    rows = [
        [
            v.indicator.code,
            v.indicator.name_fi,
            v.indicator.unit_fi,
            v.area,
            v.region.code if v.region_id else "",
            v.year,
            v.period,
            v.value,
        ]
        for v in qs.iterator(chunk_size=2000)
    ]
    return header, rows


def _published_documents_qs(params):
    from alke.agreements.selectors import published_documents

    qs = published_documents()
    if params.get("round"):
        qs = qs.filter(round__year=params["round"])
    if params.get("region"):
        qs = qs.filter(Q(region__code=params["region"]) | Q(other_regions__code=params["region"])).distinct()
    return qs.order_by("round__year", "region__code", "pk")


def _documents(params):
    header = ["id", "round", "kind", "region", "other_regions", "version", "published_at", "swedish", "url"]
    rows = [
        [
            d.pk,
            d.round.year,
            d.kind,
            d.region.code,
            " ".join(r.code for r in d.other_regions.all()),
            d.published_version.number,
            d.published_at,
            d.has_swedish,
            reverse("agreements:public_document", args=[d.pk]),
        ]
        for d in _published_documents_qs(params)
    ]
    return header, rows


def _public_conclusions(params):
    """The conclusions as the published versions record them (a reopened document's draft stays out)."""
    from alke.agreements.published import published_conclusions

    return sorted(
        published_conclusions(
            years=[params["round"]] if params.get("round") else None,
            region_codes=[params["region"]] if params.get("region") else None,
        ),
        key=lambda p: (p.round.year, p.region_code, p.number, p.id),
    )


def _followup_of(conclusion_ids: list[int]) -> dict[int, tuple[str, Any]]:
    """conclusion id -> (follow-up status, progress), for those with a follow-up."""
    if not apps.is_installed("alke.followup"):
        return {}
    from alke.followup.models import ConclusionFollowUp

    return {
        conclusion_id: (status, progress)
        for conclusion_id, status, progress in ConclusionFollowUp.objects.filter(
            conclusion_id__in=conclusion_ids
        ).values_list("conclusion_id", "status", "progress")
    }


def _conclusions(params):
    header = [
        "id",
        "round",
        "region",
        "order",
        "text_fi",
        "text_sv",
        "ministries",
        "other_parties",
        "deadline",
        "needs_budget_decision",
        "followup_status",
        "followup_progress",
    ]
    published = _public_conclusions(params)
    followup = _followup_of([p.id for p in published])
    rows = []
    for p in published:
        status, progress = followup.get(p.id, ("", ""))
        rows.append(
            [
                p.id,
                p.round.year,
                p.region_code,
                p.number,
                p.text_fi,
                p.text_sv,
                " ".join(p.ministries),
                p.other_parties,
                p.deadline,
                p.needs_budget_decision,
                status,
                progress,
            ]
        )
    return header, rows


def _partnerships(kind: str):
    def rows(params):
        from alke.partnerships.selectors import Filters, export_rows

        return export_rows(kind, Filters(region=params.get("region") or ""), user=None)

    return rows


def register_all() -> None:
    """Register the datasets whose apps are installed; called from SearchConfig.ready()."""
    register(Dataset("regions", _("Maakunnat"), _("Maakuntien koodit ja nimet kolmella kielellä."), _regions))
    register(
        Dataset(
            "municipalities",
            _("Kunnat"),
            _("Kuntien koodit, nimet ja maakunnat."),
            _municipalities,
            ("region",),
        )
    )
    register(Dataset("ministries", _("Ministeriöt"), _("Ministeriöiden lyhenteet ja nimet."), _ministries))
    if apps.is_installed("alke.situation"):
        register(
            Dataset(
                "indicator-values",
                _("Tilannekuvan indikaattorit"),
                _("Indikaattorien arvot alueittain ja vuosittain."),
                _indicator_values,
                ("indicator", "region", "year"),
            )
        )
    if apps.is_installed("alke.agreements"):
        register(
            Dataset(
                "cooperation-documents",
                _("Julkaistut yhteistyöasiakirjat"),
                _("Julkaistut yhteistyöasiakirjat ja niiden versiot."),
                _documents,
                ("round", "region"),
            )
        )
        register(
            Dataset(
                "conclusions",
                _("Johtopäätökset ja niiden seuranta"),
                _(
                    "Julkaistujen yhteistyöasiakirjojen johtopäätökset, vastuutahot, määräajat ja seurannan tila."
                ),
                _conclusions,
                ("round", "region"),
            )
        )
    if apps.is_installed("alke.partnerships"):
        for kind, title in (
            ("agreement", _("Ekosysteemisopimukset")),
            ("network", _("Teemaverkostot")),
            ("zone", _("Kehittämisvyöhykkeet")),
        ):
            register(
                Dataset(
                    f"{kind}s",
                    title,
                    _("Kumppanuusrekisterin julkiset tiedot."),
                    _partnerships(kind),
                    ("region",),
                )
            )


# ---------------------------------------------------------------------------------------------------
# Formats


def clean_params(ds: Dataset, raw: dict[str, Any]) -> dict[str, Any]:
    """The dataset's filters from a query; values are checked so a typo says what is wrong."""
    params: dict[str, Any] = {}
    for name in ds.filters:
        value = raw.get(name)
        if value in (None, ""):
            continue
        value = str(value).strip()
        if name in ("round", "year"):
            if not (value.isascii() and value.isdigit()) or not 1900 <= int(value) <= 2200:
                raise DatasetError(f"{name} must be a year such as 2024, not {value!r}")
            params[name] = int(value)
        elif name == "region":
            params[name] = value.upper()[:8]
        else:
            params[name] = value[:64]
    return params


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def render(ds: Dataset, params: dict[str, Any], fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of a dataset in a format."""
    header, rows = ds.rows(params)
    suffix = "".join(f"-{k}-{v}" for k, v in sorted(params.items()))
    name = f"alke-{ds.key}{suffix}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_safe(_plain(v)) for v in row])
        # A byte order mark lets spreadsheet programs read the UTF-8 (ä, ö, å) right.
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), FORMATS["csv"], name
    if fmt == "json":
        data = [dict(zip(header, (_plain(v) for v in row), strict=True)) for row in rows]
        return json.dumps(data, ensure_ascii=False).encode("utf-8"), FORMATS["json"], name
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=ds.key[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([_xlsx_value(v) for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue(), FORMATS["xlsx"], name
    raise DatasetError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def _csv_safe(value: Any) -> Any:
    """Text starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return _csv_safe(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value
