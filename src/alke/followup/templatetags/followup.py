"""Template helpers of follow-up pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    return mapping.get(key, "") if mapping else ""


@register.simple_tag
def posted_or(posted, pk: int, name: str, default: Any) -> Any:
    """The value the user posted for a table cell (kept after a rejected save), else the stored one."""
    if posted is not None:
        key = f"c{pk}-{name}"
        if key in posted:
            return posted.get(key)
    return default
