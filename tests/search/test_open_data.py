"""Open data: public datasets in CSV, XLSX and JSON, with filters; nothing unpublished leaks."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from alke.agreements.content import compose
from alke.agreements.models import Conclusion, CooperationDocument, DocumentVersion
from alke.regions.models import Region
from alke.rounds.models import Round

pytestmark = pytest.mark.django_db


def get(path: str, **params):
    return Client().get(path, params)


def test_every_dataset_in_every_format(reference):
    listing = get("/api/v1/open-data").json()
    keys = {d["key"] for d in listing}
    assert {
        "regions",
        "municipalities",
        "ministries",
        "conclusions",
        "cooperation-documents",
        "agreements",
    } <= keys
    for ds in listing:
        for fmt in ds["formats"]:
            response = get(f"/api/v1/open-data/{ds['key']}", format=fmt)
            assert response.status_code == 200, (ds["key"], fmt, response.content[:200])
            assert "attachment" in response["Content-Disposition"]


def test_regions_csv_json_xlsx_agree(reference):
    rows = list(csv.reader(io.StringIO(get("/api/v1/open-data/regions").content.decode("utf-8-sig"))))
    data = get("/api/v1/open-data/regions", format="json").json()
    sheet = load_workbook(io.BytesIO(get("/api/v1/open-data/regions", format="xlsx").content)).active
    xlsx_rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == len(data) == len(xlsx_rows) - 1 == Region.objects.count()
    assert rows[0] == list(data[0]) == list(xlsx_rows[0])
    assert {"name_fi": "Varsinais-Suomi", "name_sv": "Egentliga Finland"}.items() <= next(
        d for d in data if d["code"] == "MK02"
    ).items()


def test_filters_and_bad_filter_values(reference):
    data = get("/api/v1/open-data/municipalities", format="json", region="mk02").json()
    assert data and {d["region"] for d in data} == {"MK02"}
    bad = get("/api/v1/open-data/conclusions", round="last")
    assert bad.status_code == 422
    assert get("/api/v1/open-data/nothing").status_code == 404
    assert get("/api/v1/open-data/regions", format="pdf").status_code == 422


def test_only_published_documents_and_their_conclusions(reference):
    round_ = Round.objects.create(year=2033, name="ALKE 2033")
    vs, sk = Region.objects.get(code="MK02"), Region.objects.get(code="MK04")
    # The published version records the conclusion (open data lists what published versions record).
    Conclusion.objects.create(round=round_, region=vs, text_fi='=HYPERLINK("http://x") julkinen')
    published = CooperationDocument.objects.create(round=round_, region=vs)
    version = DocumentVersion.objects.create(document=published, number=1, content=compose(published))
    published.published_version = version
    published.save()
    CooperationDocument.objects.create(round=round_, region=sk)
    Conclusion.objects.create(round=round_, region=sk, text_fi="luonnoksen salainen johtopäätös")
    docs = get("/api/v1/open-data/cooperation-documents", format="json", round=2033).json()
    assert [d["region"] for d in docs] == ["MK02"]
    conclusions = get("/api/v1/open-data/conclusions", format="json", round=2033).json()
    assert [c["region"] for c in conclusions] == ["MK02"]
    text = get("/api/v1/open-data/conclusions", round=2033).content.decode("utf-8-sig")
    assert "salainen" not in text
    # A formula in free text is neutralised for spreadsheets.
    assert "'=HYPERLINK" in text


def test_search_api_is_permission_aware(reference, users):
    from alke.agenda.models import Proposal
    from alke.api.services import create_token

    round_ = Round.objects.create(year=2034, name="ALKE 2034")
    Proposal.objects.create(
        round=round_,
        region=Region.objects.get(code="MK02"),
        title="Vesihuolto",
        description="Vesihuollon varmistaminen.",
        status="draft",
    )
    assert get("/api/v1/search", q="vesihuolto").json()["items"] == []
    _, key = create_token(users["region"], "haku", 5)
    hits = (
        Client().get("/api/v1/search", {"q": "vesihuolto"}, headers={"Authorization": f"Bearer {key}"}).json()
    )
    assert [h["title"] for h in hits["items"]] == ["Vesihuolto"]
    _, other = create_token(users["other_region"], "haku", 5)
    hits = (
        Client()
        .get("/api/v1/search", {"q": "vesihuolto"}, headers={"Authorization": f"Bearer {other}"})
        .json()
    )
    assert hits["items"] == []
    assert get("/api/v1/search", q="x", source="nonsense").status_code == 422


def test_pages(reference):
    assert "Avoin data" in get("/haku/avoin-data/").content.decode()
    page = get("/sv/haku/", q="<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert json.loads(get("/api/v1/openapi.json").content)["paths"]["/api/v1/open-data/{key}"]
