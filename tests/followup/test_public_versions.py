"""The public sees the conclusions of the published version(s), not the draft of a reopened document.

Once a published document is reopened, new and edited conclusions are draft text: the public pages,
the follow-up API, the open data export and the search must keep showing what was published, as the
public document page and /api/v1/conclusions do.
"""

from __future__ import annotations

import json

import pytest

from alke.agreements import services as agreements
from alke.agreements.models import CooperationDocument
from alke.followup import services
from alke.regions.models import Ministry, Region

PUBLISHED = "Osaajatarpeiden ennakointimalli."
DRAFT_NEW = "Salainenluonnos uudesta johtopäätöksestä."
DRAFT_EDIT = "Muokattuluonnos ennakointimallista."


def reopen_and_draft(users, round_, conclusion):
    """Reopen the published document covering the conclusion, record a new one and edit this one."""
    coordinator = users["coordinator"]
    document = CooperationDocument.objects.get(round=round_, region=conclusion.region)
    agreements.reopen(coordinator, document, "Lisätään johtopäätös.")
    new = agreements.record_conclusion(
        coordinator, round_, conclusion.region, text_fi=DRAFT_NEW, region_responsible=True
    )
    agreements.record_conclusion(
        coordinator,
        round_,
        conclusion.region,
        text_fi=DRAFT_EDIT,
        region_responsible=False,
        ministries=[Ministry.objects.get(abbreviation="TEM")],
        conclusion=conclusion,
    )
    return new


def open_data(client) -> list[dict]:
    response = client.get("/api/v1/open-data/conclusions", {"format": "json", "round": 2025})
    assert response.status_code == 200
    return json.loads(response.content)


def search_text(client) -> str:
    return "".join(
        client.get("/api/v1/search", {"q": word}).content.decode()
        for word in ("salainenluonnos", "muokattuluonnos", "ennakointimalli")
    )


OUTPUTS = {
    "public page": lambda client: client.get("/seuranta/julkinen/2025/").content.decode(),
    "follow-up api": lambda client: client.get("/api/v1/follow-up/conclusions?round=2025").content.decode(),
    "open data": lambda client: json.dumps(open_data(client), ensure_ascii=False),
    "search api": search_text,
}


@pytest.mark.django_db
@pytest.mark.parametrize("output", OUTPUTS)
def test_reopened_document_keeps_its_draft_out_of_public_output(output, client, users, round_, agreed):
    a, _b, _c = agreed
    reopen_and_draft(users, round_, a)
    text = OUTPUTS[output](client)
    assert "alainenluonnos" not in text, "a new draft conclusion leaks"
    assert "uokattuluonnos" not in text, "the edited draft wording leaks"
    assert PUBLISHED in text, "the published wording is missing"


@pytest.mark.django_db
def test_public_rows_carry_the_published_responsibilities_and_deadline(client, users, round_, agreed):
    a, _b, _c = agreed
    reopen_and_draft(users, round_, a)
    row = next(r for r in open_data(client) if r["id"] == a.pk)
    assert (row["text_fi"], row["ministries"], row["deadline"]) == (PUBLISHED, "OKM", "2026-06-30")
    item = next(
        i for i in client.get("/api/v1/follow-up/conclusions?round=2025").json()["items"] if i["id"] == a.pk
    )
    assert (item["text_fi"], item["ministries"], item["deadline"]) == (PUBLISHED, ["OKM"], "2026-06-30")
    assert client.get("/api/v1/follow-up/conclusions?round=2025").json()["count"] == 3
    # The same view the agreements API gives.
    published = next(
        i for i in client.get("/api/v1/conclusions?round=2025").json()["items"] if i["id"] == a.pk
    )
    assert (published["text_fi"], published["ministries"]) == (PUBLISHED, ["OKM"])


@pytest.mark.django_db
def test_follow_up_status_stays_public_for_published_conclusions(client, users, round_, agreed):
    a, _b, _c = agreed
    services.record_update(users["region"], a, status="in_progress", progress=40, note="", evidence_url="")
    reopen_and_draft(users, round_, a)
    item = next(
        i for i in client.get("/api/v1/follow-up/conclusions?round=2025").json()["items"] if i["id"] == a.pk
    )
    assert (item["status"], item["progress"]) == ("in_progress", 40)
    row = next(r for r in open_data(client) if r["id"] == a.pk)
    assert (row["followup_status"], row["followup_progress"]) == ("in_progress", 40)
    done = client.get("/api/v1/follow-up/conclusions?round=2025&status=in_progress").json()
    assert [i["id"] for i in done["items"]] == [a.pk]


def publish_joint(users, round_, specs):
    """Conclusions for MK02 and MK04 and one joint document for both, approved and published."""
    coordinator = users["coordinator"]
    mk02, mk04 = Region.objects.get(code="MK02"), Region.objects.get(code="MK04")
    for region, text in specs:
        agreements.record_conclusion(coordinator, round_, region, text_fi=text, region_responsible=True)
    document = agreements.create_document(coordinator, round_, mk02, other_regions=[mk04])
    number = document.latest_version().number
    agreements.approve(coordinator, document, number, "state")
    agreements.approve(users["region"], document, number, "region")
    agreements.approve(users["other_region"], document, number, "region")
    document.refresh_from_db()
    assert document.is_final
    agreements.publish(coordinator, document)
    return document


@pytest.mark.django_db
def test_only_a_joint_document_published_keeps_its_draft_out_too(client, users, round_):
    document = publish_joint(
        users,
        round_,
        [(Region.objects.get(code="MK02"), PUBLISHED), (Region.objects.get(code="MK04"), "Toinen.")],
    )
    agreements.reopen(users["coordinator"], document, "Lisätään johtopäätös.")
    agreements.record_conclusion(
        users["coordinator"],
        round_,
        Region.objects.get(code="MK04"),
        text_fi=DRAFT_NEW,
        region_responsible=True,
    )
    for output, read in OUTPUTS.items():
        assert "alainenluonnos" not in read(client), f"a new draft conclusion leaks through the {output}"
    assert len(open_data(client)) == 2
    page = client.get("/seuranta/julkinen/2025/")
    followup_api = client.get("/api/v1/follow-up/conclusions?round=2025").json()
    conclusions_api = client.get("/api/v1/conclusions?round=2025").json()
    assert len(page.context["rows"]) == followup_api["count"] == conclusions_api["count"] == 2


@pytest.mark.django_db
def test_public_counts_agree(client, users, round_, agreed):
    a, b, _c = agreed
    services.record_update(users["coordinator"], b, status="done", progress=100, note="", evidence_url="")
    reopen_and_draft(users, round_, a)
    page = client.get("/seuranta/julkinen/2025/")
    followup_api = client.get("/api/v1/follow-up/conclusions?round=2025").json()
    conclusions_api = client.get("/api/v1/conclusions?round=2025").json()
    shown = page.context["rows"]
    assert len(shown) == followup_api["count"] == conclusions_api["count"] == 3
    assert (
        {r.id for r in shown}
        == {i["id"] for i in followup_api["items"]}
        == {i["id"] for i in conclusions_api["items"]}
    )
    assert page.context["total"].done == 1
    for status in ("not_started", "in_progress", "done", "dropped"):
        page = client.get(f"/seuranta/julkinen/2025/?tila={status}")
        counts = {
            client.get(f"/api/v1/follow-up/conclusions?round=2025&status={status}").json()["count"],
            client.get(f"/api/v1/conclusions?round=2025&status={status}").json()["count"],
        }
        assert counts == {len(page.context["rows"])}, status
