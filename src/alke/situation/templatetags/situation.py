from django import template

from alke.situation import selectors

register = template.Library()


@register.filter
def import_command(indicator) -> str:
    """{{ indicator|import_command }}: the command that imports the table the indicator reads."""
    return selectors.import_command(indicator)
