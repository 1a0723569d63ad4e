from decimal import Decimal

from django import template
from django.conf import settings
from django.utils import translation

from alke.agreements import selectors
from alke.agreements.content import format_euros
from alke.agreements.selectors import AreaPartnerships, partnerships_in

register = template.Library()


@register.filter
def euros(value) -> str:
    """{{ amount|euros }}: exact euros with cents in the active language's notation."""
    if value is None or value == "":
        return "–"
    return format_euros(Decimal(value), (translation.get_language() or "fi")[:2])


@register.simple_tag
def area_partnerships(content) -> AreaPartnerships:
    """{% area_partnerships version.content as partnerships %}: the partnership register's agreements,
    networks and zones in the regions of a document version (live from the register, not part of the
    approved text)."""
    if not content:
        return AreaPartnerships()
    return partnerships_in(r["code"] for r in content.get("regions", []))


@register.filter
def absolute(path: str) -> str:
    """{{ record.get_absolute_url|absolute }}: a full address for a printed document."""
    return settings.SITE_URL.rstrip("/") + path


@register.simple_tag(takes_context=True)
def round_pages(context, round_) -> list[dict]:
    """{% round_pages round as pages %}: other apps' pages about the round (its AKKE funding) the user may open."""
    return selectors.round_pages(context["request"].user, round_)
