from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, reverse

from alke.core.permissions import can
from alke.core.registry import navigation


def shell(request) -> dict:
    """Navigation entries the user may see, and the mode banner."""
    # Error pages for requests refused before authentication ran (e.g. a bad Host: 400) have no user.
    user = getattr(request, "user", None) or AnonymousUser()
    entries = []
    for entry in navigation():
        if entry.action and not can(user, entry.action):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        entries.append({"url": url, "label": entry.label, "current": request.path.startswith(url)})
    return {"nav_entries": entries, "DEMO_MODE": settings.DEMO_MODE, "ALKE_MODE": settings.MODE}
