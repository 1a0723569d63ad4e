"""What each app offers to the rest, declared in one place and gathered here.

The apps depend one way (see docs/development.md, "Layers"): a lower app never imports a higher one.
Where a lower app must still know what the apps above it offer (the actions and who may do them, read
rules, navigation, sections of a region's page, demo content, round milestones, document sections, ...),
the lower app owns a `Hook` and each app above declares its contributions in its manifest
(`alke/<app>/manifest.py`), registered from its `AppConfig.ready()`:

    manifest = Manifest(
        "funding",
        actions=[Action("funding.view", {C: ANY, M: ANY, R: OWN_REGION, A: ANY})],
        read_rules={"funding.Appropriation": readable_with("funding.view", scoped=False)},
        contributes={NAV: [...], DOCUMENT_SECTIONS: [...]},
    )

Core only gathers: `contributions(hook)` lists what the installed apps declared for a hook, in `order`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class Hook:
    """An extension point, owned (defined) by the app that reads it; higher apps contribute to it."""

    def __init__(self, name: str, description: str) -> None:
        self.name = name
        self.description = description

    def __repr__(self) -> str:
        return f"Hook({self.name!r})"


@dataclass
class Manifest:
    """One app's declarations: its actions and read rules, and its contributions to hooks."""

    app: str
    actions: Sequence[Any] = ()
    """alke.core.permissions.Action declarations: who may do what, in which phases, to which objects."""
    read_rules: Mapping[str, Callable[[Any, Any], bool]] = field(default_factory=dict)
    """model label -> who may read one object of it (alke.core.permissions.may_read)."""
    private_history: Mapping[str, Any] = field(default_factory=dict)
    """model label -> alke.core.permissions.PrivateHistory."""
    contributes: Mapping[Hook, Iterable[Any]] = field(default_factory=dict)
    """hook -> what this app adds to it."""


_manifests: dict[str, Manifest] = {}
_listeners: list[Callable[[Manifest], None]] = []


def register(manifest: Manifest) -> None:
    """Add an app's manifest (from its AppConfig.ready()); registering the same app again is a no-op."""
    if manifest.app in _manifests:
        return
    _manifests[manifest.app] = manifest
    for listener in _listeners:
        listener(manifest)


def on_register(listener: Callable[[Manifest], None]) -> None:
    """Call `listener` for every manifest registered so far and every one registered later."""
    _listeners.append(listener)
    for manifest in list(_manifests.values()):
        listener(manifest)


def manifests() -> list[Manifest]:
    """Every registered manifest, in the order the apps are installed."""
    return list(_manifests.values())


def contributions(hook: Hook) -> list[Any]:
    """What the installed apps contribute to `hook`, sorted by their `order` where they have one."""
    found = [item for manifest in _manifests.values() for item in manifest.contributes.get(hook, ())]
    return sorted(found, key=lambda item: getattr(item, "order", 0))
