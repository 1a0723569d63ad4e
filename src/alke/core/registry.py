"""Small registries through which capability apps add to shared pages without editing them.

- `region_panels`: sections of a region's page (situational picture, agenda, documents, partners).
- `navigation`: entries of the main navigation.
- `demo_loaders`: functions that add a capability's demo content, run by `alke seed-demo` in order.
- `reference_loaders`: functions that load a capability's shipped real data after the reference data,
  run by `alke load-reference` (and so by `alke seed-demo`) in order; idempotent.
Apps register in their AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(order=True)
class RegionPanel:
    order: int
    template: str = field(compare=False)
    context: Callable[[Any, Any], dict | None] = field(compare=False)
    """context(request, region) -> dict for the template, or None to hide the panel."""


@dataclass(order=True)
class NavEntry:
    order: int
    url_name: str = field(compare=False)
    label: Any = field(compare=False)
    action: str | None = field(compare=False, default=None)
    """Permission action that must be allowed (with no subject) to show the entry; None = public."""


@dataclass(order=True)
class DemoLoader:
    order: int
    name: str = field(compare=False)
    load: Callable[[Callable[[str], None]], None] = field(compare=False)


region_panels: list[RegionPanel] = []
navigation: list[NavEntry] = []
demo_loaders: list[DemoLoader] = []
reference_loaders: list[DemoLoader] = []


def register_region_panel(order: int, template: str, context: Callable) -> None:
    if not any(p.template == template for p in region_panels):
        region_panels.append(RegionPanel(order, template, context))
        region_panels.sort()


def register_nav(order: int, url_name: str, label: Any, action: str | None = None) -> None:
    if not any(n.url_name == url_name for n in navigation):
        navigation.append(NavEntry(order, url_name, label, action))
        navigation.sort()


def register_demo(order: int, name: str, load: Callable[[Callable[[str], None]], None]) -> None:
    if not any(d.name == name for d in demo_loaders):
        demo_loaders.append(DemoLoader(order, name, load))
        demo_loaders.sort()


def register_reference(order: int, name: str, load: Callable[[Callable[[str], None]], None]) -> None:
    if not any(d.name == name for d in reference_loaders):
        reference_loaders.append(DemoLoader(order, name, load))
        reference_loaders.sort()
