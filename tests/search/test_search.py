"""Full-text search: Finnish and Swedish stemming, and nobody finds what they may not read."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from alke.search.models import SearchEntry
from alke.search.selectors import search
from alke.search.text import snippet, stems
from tests.factories import ProposalFactory, RoundFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(reference):
    return RoundFactory(year=2031)


def proposal(round_, region_code: str, title: str, description: str, status="submitted", language="fi"):
    return ProposalFactory(
        round=round_,
        region=region(region_code),
        title=title,
        description=description,
        request="",
        status=status,
        language=language,
    )


def titles(results) -> set[str]:
    return {r.title for r in results}


def test_finnish_inflected_forms_find_each_other(round_, users):
    proposal(
        round_,
        "MK02",
        "Raideliikenteen kehittäminen",
        "Turun ja Helsingin välisen junayhteyden nopeuttaminen.",
    )
    proposal(round_, "MK04", "Osaajien saatavuus", "Teollisuuden työvoimapula vaikeuttaa kasvua.")
    found = search(users["coordinator"], "junayhteydet")
    assert titles(found) == {"Raideliikenteen kehittäminen"}
    # The match is marked in the snippet, and the title weighs more than the body.
    assert any(is_match for _, is_match in found[0].snippet.parts)
    assert titles(search(users["coordinator"], "raideliikenne")) == {"Raideliikenteen kehittäminen"}


def test_swedish_stemming(round_, users):
    proposal(
        round_,
        "MK15",
        "Tvåspråkiga tjänster",
        "Tillgången till vårdtjänster på svenska i kustregionerna.",
        language="sv",
    )
    assert titles(search(users["coordinator"], "tjänsten")) == {"Tvåspråkiga tjänster"}
    assert titles(search(users["coordinator"], "kustregion")) == {"Tvåspråkiga tjänster"}


def test_every_word_must_match(round_, users):
    proposal(round_, "MK02", "Raideliikenne", "Junien yhteydet ja asemat.")
    proposal(round_, "MK04", "Satamat", "Merenkulku ja satamien yhteydet.")
    assert titles(search(users["coordinator"], "yhteydet")) == {"Raideliikenne", "Satamat"}
    assert titles(search(users["coordinator"], "satamien yhteydet")) == {"Satamat"}


def test_draft_proposals_only_for_their_region_and_the_coordinator(round_, users):
    proposal(round_, "MK02", "Salainen luonnos vetytaloudesta", "Vetytalouden investoinnit.", status="draft")
    proposal(round_, "MK02", "Jätetty ehdotus vetytaloudesta", "Vetytalouden koulutus.", status="submitted")
    both = {"Salainen luonnos vetytaloudesta", "Jätetty ehdotus vetytaloudesta"}
    assert titles(search(users["coordinator"], "vetytalous")) == both
    assert titles(search(users["region"], "vetytalous")) == both
    assert titles(search(users["other_region"], "vetytalous")) == {"Jätetty ehdotus vetytaloudesta"}
    assert titles(search(users["ministry"], "vetytalous")) == {"Jätetty ehdotus vetytaloudesta"}
    # The public, a network contact and a user without a role find no proposals at all.
    from django.contrib.auth.models import AnonymousUser

    for reader in (AnonymousUser(), users["contact"], users["nobody"]):
        assert search(reader, "vetytalous") == []


def test_index_follows_saves_and_deletes(round_, users):
    p = proposal(round_, "MK02", "Matkailu", "Luontomatkailun kasvu.")
    assert titles(search(users["coordinator"], "luontomatkailu")) == {"Matkailu"}
    p.description = "Kulttuurimatkailun kasvu."
    p.save()
    assert search(users["coordinator"], "luontomatkailu") == []
    assert titles(search(users["coordinator"], "kulttuurimatkailu")) == {"Matkailu"}
    p.delete()
    assert search(users["coordinator"], "kulttuurimatkailu") == []
    assert not SearchEntry.objects.filter(source="proposal").exists()


def test_reindex_rebuilds_a_lost_index(round_, users):
    proposal(round_, "MK02", "Biotalous", "Metsäbiotalouden arvoketjut.")
    SearchEntry.objects.all().delete()
    assert search(users["coordinator"], "biotalous") == []
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "proposal: 1 entries" in out.getvalue()
    assert titles(search(users["coordinator"], "biotalous")) == {"Biotalous"}
    # Consonant gradation: "talous" finds "talouden".
    assert titles(search(users["coordinator"], "metsäbiotalous")) == {"Biotalous"}


def test_query_syntax_is_not_interpreted(round_, users):
    proposal(round_, "MK02", "Kiertotalous", "Kiertotalouden ratkaisut.")
    for hostile in ['"', "kierto*", "NEAR(a b)", "a OR b", "')--", "kiertotalous:*|!", "\x00"]:
        search(users["coordinator"], hostile)  # no error
    assert titles(search(users["coordinator"], 'kiertotalous" OR "x')) == set()


def test_stems_and_snippets():
    assert stems("junayhteyden junayhteydet", "fi") == ["junayhteyd", "junayhteyd"]
    assert stems("tjänster tjänsten", "sv") == ["tjänst", "tjänst"]
    parts = snippet(
        "Alku. " * 60 + "Tässä on junayhteys keskellä. " + "Loppu. " * 60, "junayhteys", "fi"
    ).parts
    assert ("junayhteys", True) in parts
    assert parts[0] == ("…", False) and parts[-1] == ("…", False)
