"""Reads shared by every capability: the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

AUDITED_APP_LABELS = {app.rsplit(".", 1)[-1] for app in settings.DOMAIN_APPS}


@dataclass
class HistoryEntry:
    when: Any
    who: Any
    kind: str
    changes: list[tuple[str, Any, Any]]


def history_entries(obj, records: list | None = None) -> list[HistoryEntry]:
    """The object's history, newest first, each with the fields it changed (old, new) since the next
    older of `records` (all of its history records when not given)."""
    if records is None:
        records = list(obj.history.all().select_related("history_user"))
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                changes.append((str(field.verbose_name), change.old, change.new))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                kind=record.get_history_type_display(),
                changes=changes,
            )
        )
    return entries
