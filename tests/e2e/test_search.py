"""Every main page passes axe in Finnish and Swedish; a proposal is submitted with the keyboard only."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from alke.agenda.models import Proposal
from alke.core.registry import navigation
from alke.rounds.models import Phase
from tests.e2e.conftest import axe_violations, login
from tests.factories import RoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


KNOWN: dict[str, set[str]] = {}


def main_pages() -> list[str]:
    paths = ["/", "/haku/?q=juna", "/haku/avoin-data/", "/api/avaimet/", "/saavutettavuus/"]
    with translation.override("fi"):
        paths += [reverse(entry.url_name) for entry in navigation()]
    return list(dict.fromkeys(paths))


def test_main_pages_in_finnish_and_swedish_pass_axe(page, users):
    login(page, "coord")
    failures = {}
    pages = main_pages()
    assert len(pages) >= 8
    for path in pages:
        for prefix in ("", "/sv"):
            url = path if not prefix or path.startswith("/api/") else prefix + path
            response = page.goto(url)
            assert response.status < 400, url
            violations = [v for v in axe_violations(page) if v["id"] not in KNOWN.get(url, set())]
            if violations:
                failures[url] = violations
    assert failures == {}


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus (fails if it never does)."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_keyboard_only_proposal_submission(page, users, reference):
    round_ = RoundFactory(
        year=2031, proposals=True, common=True, phases={Phase.PROPOSALS: (date(2030, 9, 1), date(2030, 10, 15))}
    )
    login(page, "vs")
    page.goto(f"/agenda/{round_.year}/ehdotukset/uusi/")
    tab_to(page, "#id_title")
    page.keyboard.type("Saariston yhteysalusliikenne")
    tab_to(page, "#id_description")
    page.keyboard.type("Yhteysalusten vuorot eivät riitä saariston asukkaille ja yrityksille.")
    tab_to(page, "input[name=ministries]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]:has-text('Tallenna')")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Saariston yhteysalusliikenne"))
    tab_to(page, "button:has-text('Jätä ehdotus')")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Ehdotus jätetty.")).to_be_visible()
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.SUBMITTED and proposal.ministries.count() == 1
    # The submitted proposal is found by search, by its own region.
    page.goto("/haku/")
    tab_to(page, "#id_q")
    page.keyboard.type("yhteysalus")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/haku/\?q=yhteysalus"))
    expect(page.get_by_role("link", name="Saariston yhteysalusliikenne")).to_be_visible()
