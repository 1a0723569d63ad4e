"""What search offers the rest: navigation and, last of the demo loaders, the index of what they made.

Search sits on top of the other apps, so it reads them directly: its sources (`alke.search.sources`) and
open-data datasets (`alke.search.opendata`) are registered from its AppConfig.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alke.core.manifest import Manifest
from alke.core.registry import DEMO, NAV, DemoLoader, NavEntry
from alke.search import demo

manifest = Manifest(
    "search",
    contributes={
        NAV: [NavEntry(90, "search:index", _("Haku"))],
        # Last of the demo loaders: index whatever the others created (some bulk-create).
        DEMO: [DemoLoader(990, "search-index", demo.load)],
    },
)
