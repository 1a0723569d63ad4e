from django import template

from alke.situation import selectors

register = template.Library()


@register.filter
def import_command(indicator) -> str:
    """{{ indicator|import_command }}: the command that imports the table the indicator reads."""
    return selectors.import_command(indicator)


@register.filter
def any_eurostat(sources) -> bool:
    """{% if sources|any_eurostat %}: whether one of the source lines is a Eurostat NUTS 3 series."""
    return any(s.get("is_eurostat") for s in sources or [])
