"""The coordinator reads synergy suggestions in the browser: a title in words and why, in Finnish and Swedish."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from alke.agenda import services
from alke.policy.models import Theme
from alke.regions.models import Ministry, Region
from alke.rounds.models import Phase, Round, RoundPhase
from tests.e2e.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def round_with_rail_proposals(reference, users) -> Round:
    round_ = Round.objects.create(
        year=2031, name="ALKE 2031", phase=Phase.PROPOSALS, common_theme=Theme.objects.get(is_common=True)
    )
    RoundPhase.objects.create(
        round=round_, phase=Phase.PROPOSALS, starts_on=date(2030, 9, 1), ends_on=date(2030, 10, 15)
    )
    lvm = Ministry.objects.get(abbreviation="LVM")
    for user, code, title, text, lang in [
        (users["region"], "MK02", "Tunnin junayhteys", "Nopea ratayhteys ja lisää junavuoroja.", "fi"),
        (users["other_region"], "MK04", "Snabbare tåg", "Fler tåg och en bättre järnvägsförbindelse.", "sv"),
    ]:
        proposal = services.create_proposal(
            user,
            round_,
            Region.objects.get(code=code),
            title=title,
            description=text,
            language=lang,
            ministries=[lvm],
        )
        services.submit_proposal(user, proposal)
    return round_


def test_suggestions_read_as_words_with_their_reasons(page, users, round_with_rail_proposals):
    year = round_with_rail_proposals.year
    login(page, "coord")
    page.goto(f"/agenda/{year}/synergia/")
    page.get_by_role("button", name="Päivitä synergia-analyysi").click()
    expect(page.get_by_role("heading", level=2, name="Yhteinen keskustelu: Raideliikenne")).to_be_visible()
    expect(page.locator(".synergy-why")).to_have_text(
        re.compile(r"^Miksi yhdessä: yhteiset aiheet raideliikenne \(2/2 ehdotuksessa\)")
    )
    assert axe_violations(page) == []
    page.goto(f"/sv/agenda/{year}/synergia/")
    expect(page.get_by_role("heading", level=2, name="Gemensam diskussion: Järnvägstrafik")).to_be_visible()
    expect(page.locator(".synergy-why")).to_contain_text(
        "Varför tillsammans: gemensamma teman järnvägstrafik"
    )
    assert axe_violations(page) == []
