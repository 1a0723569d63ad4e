from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def purl(kind: str, action: str, *args) -> str:
    """{% purl kind "detail" obj.pk %}: a register URL by record kind."""
    return reverse(f"partnerships:{kind}_{action}", args=args)


@register.filter
def demo_field(obj, name: str) -> bool:
    """{% if obj|demo_field:"goals" %}: the field's content was invented for the demo."""
    return obj.is_demo_field(name) or obj.is_demo_field("*")


@register.filter
def model_name(obj) -> str:
    return obj._meta.model_name
