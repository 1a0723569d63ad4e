"""Searching: only what the reader may read, best matches first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from alke.search import backends
from alke.search.models import SearchEntry
from alke.search.registry import SearchSource, sources
from alke.search.text import Snippet, snippet

MAX_RESULTS = 200


@dataclass
class SearchResult:
    source: str
    source_label: Any
    object_pk: int
    language: str
    title: str
    url: str
    context: str
    snippet: Snippet
    rank: float


def allowed_filter(user, chosen: list[SearchSource]) -> Q:
    """Entries of the chosen sources whose objects `user` may read now."""
    allowed = Q(pk__in=[])
    for src in chosen:
        visible_pks = src.visible(user).order_by().values("pk")
        allowed |= Q(source=src.key, object_pk__in=visible_pks)
    return allowed


def search(
    user, query: str, source_keys: list[str] | None = None, limit: int = MAX_RESULTS
) -> list[SearchResult]:
    """The entries matching `query` that `user` may read; one result per object (its best language)."""
    chosen = [s for s in sources() if not source_keys or s.key in source_keys]
    if not chosen or not (query or "").strip():
        return []
    ranked = backends.match(query, allowed_filter(user, chosen))
    labels = {s.key: s.label for s in chosen}
    entries = SearchEntry.objects.in_bulk([pk for pk, _ in ranked])
    results: list[SearchResult] = []
    seen: set[tuple[str, int]] = set()
    for pk, rank in ranked:
        entry = entries.get(pk)
        if entry is None or (entry.source, entry.object_pk) in seen:
            continue
        seen.add((entry.source, entry.object_pk))
        results.append(
            SearchResult(
                source=entry.source,
                source_label=labels[entry.source],
                object_pk=entry.object_pk,
                language=entry.language,
                title=entry.title,
                url=entry.url,
                context=entry.context,
                snippet=snippet(entry.body or entry.title, query, entry.language),
                rank=rank,
            )
        )
        if len(results) >= limit:
            break
    return results
