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
