"""Follow-up pages and the API as a user meets them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alke.agreements import services as agreements
from alke.followup.models import ConclusionFollowUp, FeedbackSurvey, FollowUpUpdate, ImprovementItem
from alke.regions.models import Region
from alke.rounds.models import Phase, Round


def state(conclusion):
    f = ConclusionFollowUp.objects.filter(conclusion=conclusion).first()
    return (f.status, f.progress) if f else ("not_started", 0)


@pytest.mark.django_db
def test_public_page_and_api_list_published_conclusions_only(client, users, round_, agreed):
    draft_region = Region.objects.get(code="MK04")
    agreements.record_conclusion(
        users["coordinator"], round_, draft_region, text_fi="Luonnosteksti.", region_responsible=True
    )
    page = client.get("/seuranta/julkinen/2025/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Osaajatarpeiden ennakointimalli." in html and "Luonnosteksti." not in html
    data = client.get("/api/v1/follow-up/conclusions?round=2025").json()
    assert data["count"] == 3
    assert {item["status"] for item in data["items"]} == {"not_started"}
    assert client.get("/api/v1/follow-up/conclusions?status=valmis").status_code == 422
    assert client.get("/seuranta/julkinen/2030/").status_code == 404


@pytest.mark.django_db
def test_editable_table_saves_changed_rows_at_once(client_for, users, agreed):
    a, b, c = agreed
    client = client_for(users["region"])
    page = client.get("/seuranta/paivita/")
    assert page.status_code == 200 and f'name="c{a.pk}-status"' in page.content.decode()
    response = client.post(
        "/seuranta/paivita/",
        {
            "kierros": 2025,
            f"c{a.pk}-status": "in_progress",
            f"c{a.pk}-progress": "40",
            f"c{b.pk}-status": "done",
            f"c{b.pk}-progress": "",
            f"c{c.pk}-status": "not_started",
            f"c{c.pk}-progress": "0",
        },
    )
    assert response.status_code == 302
    assert (state(a), state(b), state(c)) == (("in_progress", 40), ("done", 100), ("not_started", 0))
    assert FollowUpUpdate.objects.filter(source="table").count() == 2


@pytest.mark.django_db
def test_editable_table_with_a_bad_row_saves_nothing_and_says_which(client_for, users, agreed):
    a, b, _c = agreed
    client = client_for(users["region"])
    response = client.post(
        "/seuranta/paivita/",
        {
            "kierros": 2025,
            f"c{a.pk}-status": "in_progress",
            f"c{a.pk}-progress": "40",
            f"c{b.pk}-status": "dropped",
            f"c{b.pk}-progress": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mitään ei tallennettu" in html and f'href="#row-{b.pk}"' in html and "syy" in html
    assert 'value="40"' in html  # what the user typed is kept
    assert (state(a), state(b)) == (("not_started", 0), ("not_started", 0))


@pytest.mark.django_db
def test_import_page_rejects_a_bad_file_with_row_numbers(client_for, users, agreed):
    a, b, _c = agreed
    client = client_for(users["coordinator"])
    template = client.get("/seuranta/tuonti/pohja.csv")
    assert template.status_code == 200 and str(a.pk) in template.content.decode("utf-8-sig")
    bad = f"johtopäätös;tila;edistyminen (%)\n{a.pk};in_progress;30\n{b.pk};done;50\n".encode()
    response = client.post("/seuranta/tuonti/", {"file": SimpleUploadedFile("p.csv", bad)})
    assert "Rivi 3:" in response.content.decode()
    assert FollowUpUpdate.objects.count() == 0
    good = f"johtopäätös;tila;edistyminen (%)\n{a.pk};in_progress;30\n".encode()
    assert client.post("/seuranta/tuonti/", {"file": SimpleUploadedFile("p.csv", good)}).status_code == 302
    assert state(a) == ("in_progress", 30)
    assert client_for(users["aune"]).get("/seuranta/tuonti/").status_code == 403


@pytest.mark.django_db
def test_conclusion_page_update_form_and_contact_access(client_for, users, agreed):
    a, _b, network = agreed
    client = client_for(users["ministry"])
    response = client.post(
        f"/seuranta/johtopaatos/{a.pk}/", {"status": "dropped", "progress": "", "note": ""}
    )
    assert "Kirjaa huomioon syy" in response.content.decode()
    client.post(
        f"/seuranta/johtopaatos/{a.pk}/", {"status": "in_progress", "progress": "25", "note": "Aloitettu."}
    )
    assert state(a) == ("in_progress", 25)
    contact = client_for(users["contact"])
    assert contact.get(f"/seuranta/johtopaatos/{network.pk}/").status_code == 200
    assert contact.get(f"/seuranta/johtopaatos/{a.pk}/").status_code == 403
    assert contact.post(f"/seuranta/johtopaatos/{a.pk}/", {"status": "done"}).status_code == 403


@pytest.mark.django_db
def test_api_update_obeys_the_same_rules(client_for, users, agreed):
    a = agreed[0]
    client = client_for(users["region"])
    url = f"/api/v1/follow-up/conclusions/{a.pk}/updates"
    refused = client.post(url, {"status": "dropped"}, content_type="application/json")
    assert refused.status_code == 422 and "syy" in refused.json()["detail"]
    assert refused.json()["code"] == "followup_rule"
    ok = client.post(url, {"status": "in_progress", "progress": 20}, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["previous_status"] == "not_started"
    assert (
        client_for(users["other_region"])
        .post(url, {"status": "done"}, content_type="application/json")
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_carry_over_button(client_for, users, round_, agreed):
    Round.objects.create(year=2026, name="ALKE 2026", phase=Phase.KICK_OFF)
    client = client_for(users["coordinator"])
    assert "Tarjoa keskeneräiset agendaehdokkaiksi" in client.get("/seuranta/kierros/2025/").content.decode()
    response = client.post("/seuranta/kierros/2025/siirto/", follow=True)
    assert "3 uutta" in response.content.decode()


@pytest.mark.django_db
def test_survey_pages(client_for, users, round_, vs):
    coordinator = client_for(users["coordinator"])
    coordinator.post("/seuranta/palaute/2025/avaa/", {"anonymous": "on"})
    assert FeedbackSurvey.objects.get(round=round_).anonymous
    region = client_for(users["region"])
    form = region.get("/seuranta/palaute/2025/vastaa/").content.decode()
    assert 'name="q-preparation"' in form
    region.post(
        "/seuranta/palaute/2025/vastaa/",
        {"region": "MK02", "q-preparation": "4", "q-improve": "Aikaisemmin."},
    )
    assert region.get("/seuranta/palaute/2025/vastaa/").status_code == 302  # answered already
    results = client_for(users["aune"]).get("/seuranta/palaute/2025/").content.decode()
    assert "Aikaisemmin." in results and "4.0" in results


@pytest.mark.django_db
def test_improvements_page(client_for, users, round_):
    data = {
        "title": "Aineisto aiemmin",
        "finding": "Arvio 3,1.",
        "source_round": round_.pk,
        "status": "planned",
    }
    assert client_for(users["region"]).post("/seuranta/kehittaminen/", data).status_code == 403
    client_for(users["coordinator"]).post("/seuranta/kehittaminen/", data)
    assert ImprovementItem.objects.get().title == "Aineisto aiemmin"
    assert "Aineisto aiemmin" in client_for(users["aune"]).get("/seuranta/kehittaminen/").content.decode()


@pytest.mark.django_db
def test_region_page_panel(client, users, agreed):
    html = client.get("/maakunnat/MK02/").content.decode()
    assert "Sovitun seuranta" in html and "/seuranta/julkinen/2025/?maakunta=MK02" in html


@pytest.mark.django_db
def test_regional_official_carries_over_their_own_region(client_for, users, round_, agreed):
    nxt = Round.objects.create(year=2026, name="ALKE 2026", phase=Phase.AGENDA)
    client_for(users["region"]).post("/seuranta/kierros/2025/siirto/")
    from alke.agenda.models import AgendaCandidate

    assert AgendaCandidate.objects.filter(round=nxt, region__code="MK02").count() == 3
