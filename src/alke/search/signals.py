"""Index updates on save and delete of every searchable (or watched) model.

The index lives in the same database, so it is updated inside the writer's transaction: it commits and
rolls back with the record. A failure to index never fails the writer's save: it is logged, its
savepoint rolled back, and `alke reindex` repairs the index.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from alke.search import services
from alke.search.registry import sources, sources_for_model, watchers_for_model

log = logging.getLogger(__name__)


def _safely(action, *args) -> None:
    try:
        with transaction.atomic():
            action(*args)
    except Exception:  # noqa: BLE001 - the record's own save must not fail because of the index
        log.exception("search index update failed; run `alke reindex`")


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaddata: `alke reindex` afterwards
        return
    for src in sources_for_model(sender):
        _safely(services.index_object, src, instance)
    for src, related in watchers_for_model(sender):
        for obj in related(instance):
            _safely(services.index_object, src, obj)


def _deleted(sender, instance, **kwargs) -> None:
    for src in sources_for_model(sender):
        _safely(services.remove_object, src, instance.pk)
    for src, related in watchers_for_model(sender):
        for obj in related(instance):
            if obj.pk is not None and type(obj)._default_manager.filter(pk=obj.pk).exists():
                _safely(services.index_object, src, obj)


def connect() -> None:
    models = {src.model for src in sources()}
    for src in sources():
        for label in src.watch:
            from django.apps import apps

            models.add(apps.get_model(label))
    for model in models:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
