from django import template

from alke.core import formats, permissions
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


# Numbers and dates as the active language writes them (alke.core.formats), for pages and print templates.


@register.filter
def number(value, decimals=None) -> str:
    """{{ share|number:1 }} -> 66,7 (fi, sv), 66.7 (en); no argument keeps the value's own decimals."""
    return formats.number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def percent(value, decimals=1) -> str:
    """{{ share|percent }} -> 9,4 % (fi, sv), 9.4% (en); the value is in per cent already."""
    return formats.percent(value, int(decimals))


@register.filter
def euros(value, cents=True) -> str:
    """{{ amount|euros }} -> 1 234 567,50 € (fi, sv), €1,234,567.50 (en); {{ amount|euros:0 }} without cents."""
    return formats.euros(value, cents=bool(int(cents)) if isinstance(cents, str) else bool(cents))


@register.filter
def day(value) -> str:
    """{{ deadline|day }} -> 3.2.2027 (fi, sv), 3 Feb 2027 (en)."""
    return formats.day(value)
