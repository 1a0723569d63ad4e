"""The round's proposals in the API: paged like every other list, filtered by region and status, and
never more than the caller may read."""

from __future__ import annotations

import pytest

from alke.agenda import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposals(users, round_, vs, sk, lvm):
    """Three drafts of MK02 (one submitted) and one submitted and one draft proposal of MK04."""
    own = [
        services.create_proposal(
            users["region"], round_, vs, title=f"Varsinais-Suomi {n}", description="Kuvaus.", ministries=[lvm]
        )
        for n in range(3)
    ]
    services.submit_proposal(users["region"], own[0])
    other = [
        services.create_proposal(
            users["other_region"], round_, sk, title=f"Satakunta {n}", description="Kuvaus.", ministries=[lvm]
        )
        for n in range(2)
    ]
    services.submit_proposal(users["other_region"], other[0])
    return own + other


def titles(answer: dict) -> list[str]:
    return [p["title"] for p in answer["items"]]


def test_pages_with_limit_offset_and_count(client_for, users, round_, proposals):
    client = client_for(users["coordinator"])
    url = f"/api/v1/rounds/{round_.year}/proposals"
    everything = client.get(url).json()
    assert everything["count"] == 5 and len(everything["items"]) == 5
    first = client.get(f"{url}?limit=2").json()
    second = client.get(f"{url}?limit=2&offset=2").json()
    last = client.get(f"{url}?limit=2&offset=4").json()
    assert first["count"] == second["count"] == last["count"] == 5
    assert titles(first) + titles(second) + titles(last) == titles(everything)
    assert len(titles(last)) == 1
    assert client.get(f"{url}?offset=10").json() == {"items": [], "count": 5}
    row = everything["items"][0]
    assert row["region"] == "MK02" and row["ministries"] == ["LVM"] and row["merged_into"] is None


def test_filters_by_region_and_status(client_for, users, round_, proposals):
    client = client_for(users["coordinator"])
    url = f"/api/v1/rounds/{round_.year}/proposals"
    mk04 = client.get(f"{url}?region=mk04").json()
    assert mk04["count"] == 2 and {p["region"] for p in mk04["items"]} == {"MK04"}
    submitted = client.get(f"{url}?status=submitted").json()
    assert sorted(titles(submitted)) == ["Satakunta 0", "Varsinais-Suomi 0"]
    both = client.get(f"{url}?region=MK02&status=draft").json()
    assert titles(both) == ["Varsinais-Suomi 1", "Varsinais-Suomi 2"] and both["count"] == 2
    response = client.get(f"{url}?status=approved")
    assert response.status_code == 422 and "approved" in response.json()["detail"]


def test_filters_and_count_keep_to_what_the_caller_may_read(client_for, users, round_, proposals):
    """A region sees its own drafts and every submitted proposal; the count counts only those."""
    client = client_for(users["other_region"])
    url = f"/api/v1/rounds/{round_.year}/proposals"
    answer = client.get(url).json()
    assert sorted(titles(answer)) == ["Satakunta 0", "Satakunta 1", "Varsinais-Suomi 0"]
    assert answer["count"] == 3
    mk02_drafts = client.get(f"{url}?region=MK02&status=draft").json()
    assert mk02_drafts == {"items": [], "count": 0}
    assert client.get(f"{url}?limit=1&offset=2").json()["count"] == 3
