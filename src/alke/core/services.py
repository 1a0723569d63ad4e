"""Writes shared by every capability."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def upsert(model: type[M], defaults: dict[str, Any] | None = None, **lookup: Any) -> tuple[M, bool]:
    """Like update_or_create, but an unchanged row is not saved, so it gains no history entry.

    Returns (object, changed).
    """
    values = defaults or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    changed = [key for key, value in values.items() if getattr(obj, key) != value]
    if changed:
        for key in changed:
            setattr(obj, key, values[key])
        obj.save()
    return obj, bool(changed)
