"""Search results lead an anonymous reader to pages they may open: published documents and their
conclusions link to the public document page, not to the parties' page behind sign-in."""

from __future__ import annotations

import pytest

from alke.agreements import services as agreements
from alke.regions.models import Region
from tests.factories import ConclusionFactory, CooperationDocumentFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(reference, users):
    """MK02 and MK04 in a published joint document; MK04 also has a draft document of its own (created
    first, so it is the first document covering MK04), and MK02 a published one of its own."""
    round_ = RoundFactory(year=2025, follow_up=True)
    ConclusionFactory(round=round_, region="MK04", text_fi="Kasvuvyöhykkeen liikenne sujuvoituu.")
    CooperationDocumentFactory(round=round_, region="MK04")  # a draft, never published
    ConclusionFactory(round=round_, region="MK02", text_fi="Kasvuvyöhykkeen osaajat pysyvät.")
    CooperationDocumentFactory(round=round_, region="MK02", published=True)
    CooperationDocumentFactory(round=round_, region="MK02", other_regions=["MK04"], published=True)
    return round_


def test_every_search_result_an_anonymous_reader_gets_opens(client, published):
    results = []
    for q in ("kasvuvyöhyke", "osaajat", "liikenne", "yhteistyöasiakirja"):
        response = client.get("/api/v1/search", {"q": q})
        assert response.status_code == 200
        results += response.json()["items"]
    assert {r["source"] for r in results} >= {"conclusion", "document"}
    for result in results:
        assert result["url"], result
        assert client.get(result["url"]).status_code == 200, result
    # Both of MK04's conclusion and the joint document lead to the public page.
    agreed = [r for r in results if r["source"] in ("conclusion", "document")]
    assert all(r["url"].startswith("/asiakirjat/julkiset/") for r in agreed), agreed


def test_search_page_links_open_for_an_anonymous_reader(client, published):
    page = client.get("/haku/", {"q": "kasvuvyöhyke"})
    assert page.status_code == 200
    urls = [result.url for result in page.context["page"]]
    assert urls
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_parties_still_find_unpublished_conclusions(client_for, users, published):
    from alke.agreements.models import documents_covering
    from alke.search.selectors import search

    coordinator = users["coordinator"]
    mk04 = Region.objects.get(code="MK04")
    round_ = published
    for document in documents_covering(round_.pk, mk04.pk).filter(status="final"):
        agreements.reopen(coordinator, document, "Lisäys.")
    new = agreements.record_conclusion(
        coordinator, round_, mk04, text_fi="Satamaluonnos odottaa hyväksyntää.", region_responsible=True
    )
    found = search(coordinator, "satamaluonnos", ["conclusion"])
    assert [(r.source, r.object_pk) for r in found] == [("conclusion", new.pk)]
    assert client_for(coordinator).get(found[0].url).status_code == 200
