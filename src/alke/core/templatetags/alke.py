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


@register.inclusion_tag("partials/history_link.html", takes_context=True)
def history_link(context, obj, paragraph: bool = False) -> dict:
    """{% history_link proposal %}: a link to the object's change history, shown only to users the
    history page would let in (the history right and leave to read this object); `paragraph=True`
    wraps it in its own paragraph."""
    user = context["request"].user
    shown = permissions.can(user, "history.view") and permissions.may_read(user, obj)
    return {"obj": obj, "shown": shown, "meta": obj._meta, "paragraph": paragraph}
