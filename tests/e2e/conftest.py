"""Browser tests: Playwright (Python) driving Debian's Chromium against the live test server.

Each xdist worker has its own live server and its own Chromium. Tests assert only with Playwright's
auto-waiting `expect(...)`, which retries until the page is in the expected state or the timeout passes,
so a loaded machine makes a test slower, never wrong.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parents[2] / "src/alke/core/static/vendor/axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Generous on a loaded machine: expect() returns as soon as the page is right, the timeout only bounds a failure.
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: run `make test` (it installs Debian's chromium)")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp lets the test inject axe-core; the app's own pages run under the real CSP.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


def login(page, username: str, password: str = "salasana-joka-kelpaa-1") -> None:
    """Sign in on the sign-in page and wait until the page shows the user signed in."""
    page.goto("/tili/kirjaudu/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    expect(page.get_by_role("button", name="Kirjaudu ulos")).to_be_visible()


def logout(page) -> None:
    """Sign out from the user menu and wait until the page shows the visitor signed out."""
    page.get_by_role("button", name="Kirjaudu ulos").click()
    expect(page.get_by_role("link", name="Kirjaudu sisään")).to_be_visible()


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (WCAG 2.1 A/AA rules) on the current page; the violations of the given impacts."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]
