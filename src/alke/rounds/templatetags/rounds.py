from django import template
from django.urls import reverse

from alke.core.permissions import can
from alke.rounds.selectors import round_tabs as declared_tabs

register = template.Library()


@register.simple_tag(takes_context=True)
def round_tabs(context, round_) -> list[dict]:
    """{% round_tabs round as tabs %}: the round's own page and the pages the apps add, with the current one."""
    path = context["request"].path
    tabs = [{"url": reverse("rounds:detail", args=[round_.year]), "label": round_.name}]
    user = context["request"].user
    tabs += [
        {"url": reverse(tab.url_name, args=[round_.year]), "label": tab.label}
        for tab in declared_tabs()
        if tab.action is None or can(user, tab.action)
    ]
    for tab in tabs:
        tab["current"] = path == tab["url"]
    return tabs
