"""Which records belong to a round, and how records refer to things outside the archive.

A round's records are found by following foreign keys backwards from the round until nothing new is
found: proposals and agendas point to the round, agenda items to agendas, conclusions to the round,
follow-up to conclusions, and so on, in every capability app, without a list to keep up to date.

Anything a record points to that is *not* one of the round's records (a region, a ministry, a theme,
a user, an indicator) is written as a natural key — its unique fields, e.g. a region's code or a
user's name — so the archive can be imported into another database whose ids differ.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models

# Derived or private data that is not part of a round's record: accounts and roles, API keys, the
# search index (sessions and the admin log are outside DOMAIN_APPS altogether).
EXCLUDED_APPS = {"search", "api", "archive", "accounts"}


def archivable_models() -> list[type[models.Model]]:
    labels = {app.rsplit(".", 1)[-1] for app in settings.DOMAIN_APPS} - EXCLUDED_APPS
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in labels
        and not m._meta.proxy
        and not m.__name__.startswith("Historical")
        and not getattr(m, "_meta", None).auto_created
    ]


def round_models() -> set[type[models.Model]]:
    """The models whose records can belong to a round: those that reach `rounds.Round` by foreign keys.

    An import restores records of these models only; everything else an archive may name (users,
    memberships, API keys, regions, statistics) is looked up by natural key and never written.
    """
    round_model = apps.get_model("rounds", "Round")
    candidates = archivable_models()
    found = {round_model}
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model not in found and any(f.related_model in found for f in relation_fields(model)):
                found.add(model)
                changed = True
    return found


def relation_fields(model: type[models.Model]) -> list[models.ForeignKey]:
    return [f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)]


def collect(round_obj: models.Model) -> dict[type[models.Model], dict[int, models.Model]]:
    """Every record reachable backwards from the round by foreign keys: {model: {pk: object}}."""
    collected: dict[type[models.Model], dict[int, models.Model]] = defaultdict(dict)
    collected[type(round_obj)][round_obj.pk] = round_obj
    candidates = archivable_models()
    changed = True
    while changed:
        changed = False
        for model in candidates:
            for field in relation_fields(model):
                target = field.related_model
                pks = collected.get(target)
                if not pks:
                    continue
                for obj in model._base_manager.filter(**{f"{field.name}__in": list(pks)}).order_by("pk"):
                    if obj.pk not in collected[model]:
                        collected[model][obj.pk] = obj
                        changed = True
    return {m: objs for m, objs in collected.items() if objs}


def _unique_sets(model: type[models.Model]) -> list[tuple[str, ...]]:
    single = [(f.name,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    combined = [
        tuple(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None
    ]
    combined += [tuple(u) for u in model._meta.unique_together]
    return single + combined


def natural_key(obj: models.Model, depth: int = 0) -> dict[str, Any]:
    """The unique fields that identify `obj` in any database (foreign keys as nested natural keys)."""
    if depth > 4:
        raise ValueError(f"natural key of {obj._meta.label} nests too deep")
    for fields in _unique_sets(type(obj)):
        key: dict[str, Any] = {}
        for name in fields:
            field = obj._meta.get_field(name)
            if field.is_relation:
                related = getattr(obj, name)
                key[name] = None if related is None else natural_key(related, depth + 1)
            else:
                key[name] = field.value_to_string(obj)
        return key
    raise ValueError(
        f"{obj._meta.label} has no unique fields, so a record outside the round cannot refer to it"
    )


def find_by_natural_key(
    model: type[models.Model], key: dict[str, Any], depth: int = 0
) -> models.Model | None:
    """The existing object whose unique fields are `key`; ValueError when `key` is not such a set."""
    if depth > 4 or not isinstance(key, dict) or not key:
        raise ValueError(f"malformed natural key for {model._meta.label}")
    if set(key) not in [set(fields) for fields in _unique_sets(model)]:
        # Only a unique set identifies one object; anything else (e.g. {"is_superuser": true}) would pick one.
        raise ValueError(f"{sorted(key)} are not unique fields of {model._meta.label}")
    lookup: dict[str, Any] = {}
    for name, value in key.items():
        field = model._meta.get_field(name)
        if field.is_relation:
            if value is None:
                lookup[f"{name}__isnull"] = True
                continue
            related = find_by_natural_key(field.related_model, value, depth + 1)
            if related is None:
                return None
            lookup[name] = related
        else:
            if not isinstance(value, str):
                raise ValueError(f"natural key {model._meta.label}.{name} is not text")
            lookup[name] = field.to_python(value)
    return model._base_manager.filter(**lookup).first()
