"""Tags for the error pages (400, 403, 404, CSRF failure)."""

from django import template
from django.core.exceptions import DisallowedHost

from alke.core.errors import same_site_path

register = template.Library()


@register.simple_tag(takes_context=True)
def back_url(context) -> str:
    """{% back_url as back %}: the page the visitor came from on this site, or "" when there is none."""
    request = context.get("request")
    if request is None:
        return ""
    try:
        url = same_site_path(request, request.headers.get("Referer"))
    except DisallowedHost:
        return ""
    return url if url and url != request.get_full_path() else ""
