from decimal import Decimal

from django import template
from django.utils import translation

from alke.agreements.content import format_euros

register = template.Library()


@register.filter
def euros(value) -> str:
    """{{ amount|euros }}: exact euros with cents in the active language's notation."""
    if value is None or value == "":
        return "–"
    return format_euros(Decimal(value), (translation.get_language() or "fi")[:2])
