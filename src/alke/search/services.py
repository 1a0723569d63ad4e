"""Keeping the search index up to date: on every save (signals) and in full (`alke reindex`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from alke.search import backends
from alke.search.models import SearchEntry
from alke.search.registry import SearchSource, source, sources, sources_for_model

BATCH = 500


def index_object(src: SearchSource, obj: Any) -> int:
    """(Re)index one object of a source; returns the number of entries written."""
    documents = {d.language: d for d in src.documents(obj) if (d.title or d.body)}
    stale = SearchEntry.objects.filter(source=src.key, object_pk=obj.pk).exclude(language__in=list(documents))
    stale_ids = list(stale.values_list("pk", flat=True))
    if stale_ids:
        backends.forget(stale_ids)
        SearchEntry.objects.filter(pk__in=stale_ids).delete()
    for language, doc in documents.items():
        entry, _ = SearchEntry.objects.update_or_create(
            source=src.key,
            object_pk=obj.pk,
            language=language,
            defaults={
                "title": doc.title[:300],
                "body": doc.body,
                "url": doc.url[:300],
                "context": doc.context[:300],
            },
        )
        backends.write(entry)
    return len(documents)


def remove_object(src: SearchSource, pk: Any) -> None:
    ids = list(SearchEntry.objects.filter(source=src.key, object_pk=pk).values_list("pk", flat=True))
    backends.forget(ids)
    SearchEntry.objects.filter(pk__in=ids).delete()


def index_instance(obj: Any) -> None:
    """Re-index `obj` under every source of its model."""
    for src in sources_for_model(type(obj)):
        index_object(src, obj)


@transaction.atomic
def reindex(keys: Iterable[str] | None = None) -> dict[str, int]:
    """Rebuild the index of the given sources (all by default); returns entries per source."""
    chosen = [source(k) for k in keys] if keys else sources()
    if not keys:
        SearchEntry.objects.all().delete()
        backends.clear()
    counts: dict[str, int] = {}
    for src in chosen:
        if keys:
            remove_all = list(SearchEntry.objects.filter(source=src.key).values_list("pk", flat=True))
            backends.forget(remove_all)
            SearchEntry.objects.filter(pk__in=remove_all).delete()
        total = 0
        for obj in src.model._default_manager.all().iterator(chunk_size=BATCH):
            total += index_object(src, obj)
        counts[src.key] = total
    return counts
