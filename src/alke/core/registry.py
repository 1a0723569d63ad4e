"""The shared pages' hooks, through which the apps add to them in their manifests.

- `NAV`: entries of the main navigation (`NavEntry`);
- `HOME_SECTIONS`: sections of the front page (`PageSection`);
- `REGION_PANELS`: sections of a region's page: situational picture, agenda, documents, partners
  (`PageSection`, whose context gets the region too);
- `DEMO`: functions that add an app's demo content, run by `alke seed-demo` in order (`DemoLoader`).

Orders: regions 10, situation 20, rounds 30, agenda 40, schedule 50, agreements 60, funding 65,
followup 70, partnerships 80, search 90, accounts 95.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from alke.core.manifest import Hook, contributions


@dataclass(order=True)
class NavEntry:
    order: int
    url_name: str = field(compare=False)
    label: Any = field(compare=False)
    action: str | None = field(compare=False, default=None)
    """Permission action that must be allowed (with no subject) to show the entry; None = public."""


@dataclass(order=True)
class PageSection:
    order: int
    template: str = field(compare=False)
    context: Callable[..., dict | None] = field(compare=False)
    """context(request) on the front page, context(request, region) on a region's page -> dict for the
    template, or None to leave the section out."""



@dataclass(order=True)
class DemoLoader:
    order: int
    name: str = field(compare=False)
    load: Callable[[Callable[[str], None]], None] = field(compare=False)
    """load(say): idempotent; invented content is flagged `is_demo`; `say(line)` reports what it did."""
    summary: Callable[[], str] | None = field(compare=False, default=None)
    """Text printed once every loader has run (the demo logins)."""


NAV = Hook("core.nav", "entries of the main navigation (NavEntry)")
HOME_SECTIONS = Hook("core.home_sections", "sections of the front page (PageSection)")
REGION_PANELS = Hook("core.region_panels", "sections of a region's page (PageSection)")
DEMO = Hook("core.demo", "demo content loaders run by `alke seed-demo` (DemoLoader)")


def navigation() -> list[NavEntry]:
    return contributions(NAV)


def home_sections() -> list[PageSection]:
    return contributions(HOME_SECTIONS)


def region_panels() -> list[PageSection]:
    return contributions(REGION_PANELS)


def demo_loaders() -> list[DemoLoader]:
    return contributions(DEMO)
