"""Synergy suggestions as people see them: readable titles in their language and the reasons items match."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from alke.agenda import services
from alke.agenda.models import SynergySuggestion
from alke.rounds.models import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def rail_pair(users, round_, vs, sk, lvm):
    """Two submitted proposals of two regions on passenger rail, one in Finnish and one in Swedish."""
    first = services.create_proposal(
        users["region"],
        round_,
        vs,
        title="Tunnin junayhteys",
        description="Nopea ratayhteys ja lisää junavuoroja Turusta Helsinkiin.",
        ministries=[lvm],
    )
    second = services.create_proposal(
        users["other_region"],
        round_,
        sk,
        title="Snabbare tågförbindelser",
        description="Fler tåg och en bättre järnvägsförbindelse till huvudstaden.",
        language="sv",
        ministries=[lvm],
    )
    services.submit_proposal(users["region"], first)
    services.submit_proposal(users["other_region"], second)
    return first, second


def _page(client, year: int, lang: str) -> str:
    with translation.override(lang):
        url = reverse("agenda:synergy", args=[year])
    return client.get(url).content.decode()


def test_the_suggestion_has_a_title_in_each_language_and_says_why(client_for, users, round_, rail_pair):
    services.analyse_synergy(users["coordinator"], round_)
    suggestion = round_.synergy_suggestions.get()
    assert suggestion.titles["fi"].startswith("Raideliikenne")
    assert suggestion.titles["sv"].startswith("Järnvägstrafik")
    assert suggestion.concepts[0] == {"key": "rail", "count": 2}
    coordinator = client_for(users["coordinator"])
    finnish = _page(coordinator, round_.year, "fi")
    assert f"Yhteinen keskustelu: {suggestion.titles['fi']}" in finnish
    assert "Miksi yhdessä" in finnish and "raideliikenne (2/2 ehdotuksessa)" in finnish
    swedish = _page(coordinator, round_.year, "sv")
    assert suggestion.titles["sv"] in swedish
    assert "Varför tillsammans" in swedish and "järnvägstrafik (i 2 av 2 förslag)" in swedish
    english = _page(coordinator, round_.year, "en")
    assert suggestion.titles["en"] in english and "Why together" in english


def test_rerunning_refreshes_an_undecided_suggestion_but_not_a_decided_one(users, round_, rail_pair):
    services.analyse_synergy(users["coordinator"], round_)
    suggestion = round_.synergy_suggestions.get()
    SynergySuggestion.objects.filter(pk=suggestion.pk).update(titles={}, concepts=[], keywords=["raide"])
    services.analyse_synergy(users["coordinator"], round_)
    suggestion.refresh_from_db()
    assert suggestion.titles["fi"].startswith("Raideliikenne") and suggestion.concepts
    round_.phase = Phase.AGENDA
    round_.save()
    services.decide_suggestion(users["coordinator"], suggestion, accept=False, reason="Ei yhteistä istuntoa")
    SynergySuggestion.objects.filter(pk=suggestion.pk).update(titles={"fi": "Päätetty otsikko"})
    round_.phase = Phase.PROPOSALS
    round_.save()
    services.analyse_synergy(users["coordinator"], round_)
    suggestion.refresh_from_db()
    assert suggestion.titles == {"fi": "Päätetty otsikko"}  # what was decided on stays as it was


def test_an_accepted_joint_session_is_titled_in_words(users, round_, rail_pair):
    services.analyse_synergy(users["coordinator"], round_)
    suggestion = round_.synergy_suggestions.get()
    round_.phase = Phase.AGENDA
    round_.save()
    with translation.override("fi"):
        services.decide_suggestion(users["coordinator"], suggestion, accept=True)
    suggestion.refresh_from_db()
    assert suggestion.agenda.title == f"Yhteinen keskustelu: {suggestion.titles['fi']}"


def test_old_suggestions_without_titles_still_show_their_keywords(round_):
    suggestion = SynergySuggestion(round=round_, keywords=["junayhteys", "rata", "tåg", "spår"])
    assert suggestion.title_in("sv") == "junayhteys, rata, tåg"
    assert suggestion.shared_concepts == []


def test_the_proposal_page_says_what_a_similar_proposal_shares(client_for, users, rail_pair):
    first, _second = rail_pair
    page = client_for(users["region"]).get(reverse("agenda:proposal", args=[first.pk])).content.decode()
    assert "Samankaltaiset ehdotukset muista maakunnista" in page
    assert '<th scope="col">Yhteistä</th>' in page and "raideliikenne" in page


def test_api_similar_answers_in_the_asked_language(client_for, users):
    payload = {
        "lang": "sv",
        "items": [
            {"id": "a", "region": "MK01", "title": "Raideliikenne", "text": "Junayhteydet ja rata"},
            {"id": "b", "region": "MK02", "title": "Tågtrafik", "text": "Fler tåg på banan", "lang": "sv"},
        ],
    }
    client = client_for(users["ministry"])
    result = client.post("/api/v1/similar", payload, content_type="application/json").json()
    assert result["lang"] == "sv"
    assert result["groups"][0]["title"].startswith("Järnvägstrafik")
    assert result["neighbours"]["a"][0]["shared"]["labels"][0] == "järnvägstrafik"
    refused = client.post("/api/v1/similar", {**payload, "lang": "de"}, content_type="application/json")
    assert refused.status_code == 422 and '"lang"' in refused.json()["detail"]
