from django import template

from alke.core import permissions
from alke.core.models import localized as _localized

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action: str, subject=None) -> bool:
    """{% can "proposal.edit" proposal as may_edit %}"""
    return permissions.can(context["request"].user, action, subject)


@register.filter
def localized(obj, field: str) -> str:
    """{{ region|localized:"council_name" }}: the field in the active language."""
    return _localized(obj, field)


@register.filter
def described(field) -> str:
    """The field's widget with aria-describedby naming its help text and each of its errors, so screen
    readers announce them with the field (partials/field.html gives those elements these ids)."""
    ids = [f"{field.auto_id}_helptext"] if field.help_text else []
    ids += [f"{field.auto_id}_error{n}" for n in range(1, len(field.errors) + 1)]
    attrs = {"aria-describedby": " ".join(ids)} if ids else None
    return field.as_widget(attrs=attrs)
