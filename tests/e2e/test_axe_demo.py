"""Pages with real content pass axe in Finnish and Swedish: the demo content, signed in as the coordinator.

The empty-database scan in test_search.py sees mostly empty index pages; this one runs on the demo content
(`demo_data`) and scans the detail pages (tables, charts, forms and comments filled in). Detail URLs are found by
following links from the index pages, so no database ids are hard-coded.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.test import Client
from playwright.sync_api import expect

from alke.accounts.demo import DEMO_PASSWORD
from tests.conftest import demo_user
from tests.e2e.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.demo_data]

# Pages scanned as they are (Finnish paths; the Swedish ones get the /sv prefix).
FIXED = {
    "region MK02": "/maakunnat/MK02/",
    "region MK15 (bilingual)": "/maakunnat/MK15/",
    "timetable of the demo round": "/aikataulu/2027/",
    "follow-up table": "/seuranta/paivita/",
    "AUNE report": "/seuranta/raportti/?kierros=2025",
    "search results": "/haku/?q=liikenne",
    "API keys": "/api/avaimet/",
}

# Where the crawl starts: the index pages that link to the detail pages.
START = [
    "/maakunnat/MK02/",
    "/tilannekuva/",
    "/kierrokset/",
    "/agenda/",
    "/aikataulu/",
    "/aikataulu/2027/",
    "/asiakirjat/",
    "/asiakirjat/julkiset/",
    "/seuranta/",
    "/kumppanuudet/",
]

# Kind of detail page → its path pattern; the first link of each kind found is scanned.
KINDS = {
    "indicator": r"/tilannekuva/indikaattorit/[\w-]+/",
    "round dashboard": r"/kierrokset/\d{4}/",
    "proposal": r"/agenda/ehdotukset/\d+/",
    "agenda": r"/agenda/agendat/\d+/",
    "synergy": r"/agenda/\d{4}/synergia/",
    "session": r"/aikataulu/\d{4}/keskustelut/\d+/",
    "availability of a region": r"/aikataulu/\d{4}/saatavuus/MK\d+/",
    "cooperation document": r"/asiakirjat/asiakirja/\d+/",
    "public document": r"/asiakirjat/julkiset/\d+/",
    "conclusions": r"/asiakirjat/kierros/\d{4}/MK\d+/",
    "minutes": r"/asiakirjat/kierros/\d{4}/MK\d+/muistio/",
    "follow-up of a round": r"/seuranta/kierros/\d{4}/",
    "public follow-up": r"/seuranta/julkinen/\d{4}/",
    "partnership register": r"/kumppanuudet/(sopimukset|verkostot|vyohykkeet)/",
    "partnership record": r"/kumppanuudet/(sopimukset|verkostot|vyohykkeet)/\d+/",
}

# URL → axe rule ids accepted for now, each with the reason (reported, not silently ignored).
KNOWN: dict[str, dict[str, str]] = {}

HREF = re.compile(r"""href=["']([^"'#]+)""")


def links(html: str) -> list[str]:
    """The site-internal paths linked from a page, in order (query strings dropped)."""
    paths = []
    for href in HREF.findall(html):
        parts = urlsplit(unescape(href))
        if parts.netloc or not parts.path.startswith("/"):
            continue
        paths.append(parts.path)
    return list(dict.fromkeys(paths))


def crawl(client: Client, max_pages: int = 60) -> dict[str, str]:
    """Follow links from START until each kind in KINDS has a page (or the budget is spent)."""
    found: dict[str, str] = {}
    queue, seen = list(START), set()
    while queue and len(seen) < max_pages and len(found) < len(KINDS):
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in links(response.content.decode()):
            for kind, pattern in KINDS.items():
                if kind not in found and re.fullmatch(pattern, link):
                    found[kind] = link
                    queue.append(link)  # detail pages link to the next kind (timetable → session)
    return found


def test_demo_detail_pages_in_finnish_and_swedish_pass_axe(page):
    coordinator = demo_user("koordinaattori")
    client = Client()
    client.force_login(coordinator)
    found = crawl(client)
    missing = set(KINDS) - set(found)
    assert not missing, f"no link found to: {sorted(missing)}"
    search = client.get(FIXED["search results"])
    assert search.context["total"] > 0, "the search page should list demo results"

    login(page, "koordinaattori", DEMO_PASSWORD)
    failures = {}
    for kind, path in {**FIXED, **found}.items():
        # The API pages have no language prefix: scanned once.
        for prefix in ("",) if path.startswith("/api/") else ("", "/sv"):
            url = prefix + path
            response = page.goto(url)
            assert response.status == 200, f"{kind}: {url} answered {response.status}"
            if prefix:
                expect(page.locator("html")).to_have_attribute("lang", "sv")
            known = KNOWN.get(url, {})
            violations = [v for v in axe_violations(page) if v["id"] not in known]
            if violations:
                failures[f"{kind}: {url}"] = violations
    assert failures == {}
