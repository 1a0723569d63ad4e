"""A small same-site crawler for the proof tests: pages reachable by links, and the forms on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlparse

# Not pages of the app, or pages that change state on GET, or that lead out of the session.
SKIP_PREFIXES = (
    "/static/",
    "/media/",
    "/admin/",
    "/api/",
    "/i18n/",
    "/oidc/",
    "/tili/ulos/",
    "/sv/tili/ulos/",
    "/en/tili/ulos/",
)
SKIP_SUFFIXES = (".pdf", ".docx", ".xlsx", ".csv", ".ics", ".json", ".zip", ".png", ".svg")


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(
                page="", action=a.get("action") or "", method=(a.get("method") or "get").lower()
            )
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and self._form is not None:
            name = a.get("name")
            if name and a.get("type") not in ("submit", "button", "checkbox", "radio"):
                self._form.fields.setdefault(name, a.get("value") or "")

    def handle_endtag(self, tag) -> None:
        if tag == "form":
            self._form = None


def parse(html: str) -> _Parser:
    parser = _Parser()
    parser.feed(html)
    return parser


def crawl(client, start: list[str], limit: int = 250) -> tuple[dict[str, str], list[Form]]:
    """{path: html} of the pages reachable from `start`, and every POST form on them."""
    seen: dict[str, str] = {}
    forms: list[Form] = []
    queue = list(start)
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            seen[path] = ""
            continue
        html = response.content.decode()
        seen[path] = html
        parsed = parse(html)
        for form in parsed.forms:
            if form.method == "post":
                form.page = path
                form.action = normalise(path, form.action) or path
                forms.append(form)
        for href in parsed.links:
            target = normalise(path, href)
            if target and target not in seen:
                queue.append(target)
    return seen, forms


def normalise(base: str, href: str) -> str | None:
    url = urldefrag(urljoin("http://testserver" + base, href)).url
    parts = urlparse(url)
    if parts.netloc != "testserver":
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if path.startswith(SKIP_PREFIXES) or parts.path.endswith(SKIP_SUFFIXES):
        return None
    return path
