"""/api/v1/conclusions carries each published conclusion's follow-up status, as issue 7 asks."""

import pytest

from alke.followup import services


@pytest.mark.django_db
def test_conclusions_api_filters_by_follow_up_status(client, users, agreed):
    a, b, _c = agreed
    services.record_update(users["region"], a, status="in_progress", progress=40, note="", evidence_url="")
    services.record_update(users["coordinator"], b, status="done", progress=100, note="", evidence_url="")
    everything = client.get("/api/v1/conclusions?round=2025").json()
    assert everything["count"] == 3
    by_id = {item["id"]: item for item in everything["items"]}
    assert (by_id[a.pk]["status"], by_id[a.pk]["progress"]) == ("in_progress", 40)
    assert (by_id[b.pk]["status"], by_id[b.pk]["progress"]) == ("done", 100)
    done = client.get("/api/v1/conclusions?round=2025&region=MK02&status=done").json()
    assert [item["id"] for item in done["items"]] == [b.pk]
    assert client.get("/api/v1/conclusions?status=not_started").json()["count"] == 1
    refused = client.get("/api/v1/conclusions?status=valmis")
    assert refused.status_code == 422 and "not_started" in refused.json()["detail"]
    # The same numbers as the follow-up view of the API.
    detailed = client.get("/api/v1/follow-up/conclusions?round=2025&status=done").json()
    assert [item["id"] for item in detailed["items"]] == [b.pk]
