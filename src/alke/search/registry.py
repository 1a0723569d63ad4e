"""The registry of search sources: what is searchable, in which language, and who may find it.

A source names a model, how an object becomes index documents (one per language) and which objects
a user may read (`visible(user)`, built from `alke.core.permissions.can` or the owning app's
selectors). The sources of the capability apps are defined in `alke.search.sources`, so those apps
need not know about search; `watch` lists other models whose changes re-index an object (e.g. a new
document version re-indexes its cooperation document).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet


@dataclass
class Document:
    """The text of one object in one language."""

    language: str  # "fi" or "sv"
    title: str
    body: str
    url: str = ""
    context: str = ""


@dataclass
class SearchSource:
    key: str
    model_label: str  # "app_label.ModelName"
    label: Any  # shown with each result (lazy translation)
    documents: Callable[[Any], list[Document]]
    visible: Callable[[Any], QuerySet]
    """visible(user) -> the objects of the model the user may read (anonymous included)."""
    watch: dict[str, Callable[[Any], Iterable[Any]]] = field(default_factory=dict)
    """model label -> function(changed object) -> the source objects to re-index."""

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)


_sources: dict[str, SearchSource] = {}


def register_source(source: SearchSource) -> None:
    """Register a source once; a source whose model is not installed (yet) is skipped."""
    app_label, _, model_name = source.model_label.partition(".")
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return
    _sources.setdefault(source.key, source)


def sources() -> list[SearchSource]:
    return list(_sources.values())


def source(key: str) -> SearchSource:
    return _sources[key]


def sources_for_model(model: type[Model]) -> list[SearchSource]:
    label = model._meta.label
    return [s for s in _sources.values() if s.model_label == label]


def watchers_for_model(model: type[Model]) -> list[tuple[SearchSource, Callable]]:
    label = model._meta.label
    return [(s, fn) for s in _sources.values() for watched, fn in s.watch.items() if watched == label]
