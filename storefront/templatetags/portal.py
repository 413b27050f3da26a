"""Small template helpers of the producer portal."""

from django import template

from storefront.views.files import signed_url

register = template.Library()


@register.filter
def split(text: str) -> list[str]:
    return text.split()


@register.filter
def field(form, name: str):
    """`form|field:"name"`: the bound field, so a template can lay fields out in groups."""
    return form[name]


@register.filter
def signed_file(field_file) -> str | None:
    """`event.evidence|signed_file`: a day-long link to a private file."""
    return signed_url(field_file)
