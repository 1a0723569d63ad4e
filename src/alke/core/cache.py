"""Derived data that changes only when reference data or statistics change, cached across requests.

A reader asks `cached(namespace, key, build)`: the cache key carries the namespace's current version,
read from the cache on every call, so one `bump(namespace)` makes every older entry unreachable (they
expire on their own). Writers bump through `bump_on_change(namespace, *models)` (post_save/post_delete
signals) and, after bulk writes that send no signals, by calling `bump(namespace)` themselves.

A bump happens at once (so the writing request sees its own change) and again when the transaction
commits (so a reader that filled the cache from the old data in between cannot keep it). The version
lives in the shared cache (settings.CACHES), so a change made by one worker process is seen by all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

T = TypeVar("T")

TIMEOUT = 24 * 3600  # entries are dropped by version anyway; the timeout only frees the space
STATS = "stats"  # statistics, indicators and the regions they are about


def _version_key(namespace: str) -> str:
    return f"alke:version:{namespace}"


def version(namespace: str) -> str:
    value = cache.get(_version_key(namespace))
    if value is None:
        # A new or cleared cache: start from a fresh value so no leftover entry can match.
        value = f"{time.time_ns():x}"
        if not cache.add(_version_key(namespace), value, None):
            value = cache.get(_version_key(namespace), value)
    return value


def _bump_now(namespace: str) -> None:
    cache.set(_version_key(namespace), f"{time.time_ns():x}", None)


def bump(namespace: str) -> None:
    """Forget everything cached under `namespace` (now and again when the transaction commits)."""
    _bump_now(namespace)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump_now(namespace))


def cached(namespace: str, key: str, build: Callable[[], T], *, per_language: bool = True) -> T:
    """`build()`, or its cached result for this namespace version, key (and active language)."""
    parts = ["alke", namespace, version(namespace), key]
    if per_language:
        parts.append(translation.get_language() or "")
    full_key = ":".join(parts)
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, TIMEOUT)
    return value


def bump_on_change(namespace: str, *models: Any) -> None:
    """Bump `namespace` whenever an instance of one of `models` is saved or deleted."""

    def handler(sender, **kwargs) -> None:
        bump(namespace)

    for model in models:
        uid = f"alke.core.cache:{namespace}:{model._meta.label}"
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=uid + ":delete")
