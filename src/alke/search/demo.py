"""Demo: rebuild the search index after every other demo loader has run."""

from collections.abc import Callable

from alke.search.services import reindex


def load(say: Callable[[str], None]) -> None:
    counts = reindex()
    say("search index: " + ", ".join(f"{key} {n}" for key, n in counts.items()))
