"""Small template helpers of the producer portal."""

from django import template

register = template.Library()


@register.filter
def split(text: str) -> list[str]:
    return text.split()


@register.filter
def field(form, name: str):
    """`form|field:"name"`: the bound field, so a template can lay fields out in groups."""
    return form[name]
