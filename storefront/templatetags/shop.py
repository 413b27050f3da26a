"""Formatting for the shop: VND prices, stars, dates, responsive images."""

from datetime import datetime
from decimal import Decimal

from django import forms, template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from marketplace.money import format_money
from storefront.number_input import format_number

register = template.Library()

SIZES = "(min-width: 60rem) 20rem, (min-width: 36rem) 45vw, 92vw"


@register.filter
def vnd(amount) -> str:
    """120000 -> '120.000 ₫' (Vietnamese grouping with dots, no minor unit)."""
    if amount in (None, ""):
        return ""
    # A no-break space keeps the amount and its sign on one line.
    return format_money(Decimal(amount), "VND").replace(" ", "\u00a0")


@register.filter
def number(value) -> str:
    """12345 -> '12.345', as Vietnamese groups digits."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", ".")


@register.filter
def decimal_vi(value) -> str:
    """0.5 -> '0,5'; 1200 -> '1.200' (what the number fields read back)."""
    return format_number(value, 3)


@register.filter
def dmy(day) -> str:
    """Dates as dd/mm/yyyy in both languages, times as dd/mm/yyyy HH:MM in the site's
    time zone; an ISO text (as the traceability data carries) is read first."""
    if not day:
        return ""
    if isinstance(day, str):
        try:
            parsed = datetime.fromisoformat(day)
        except ValueError:
            return day
        day = parsed if "T" in day or " " in day else parsed.date()
    if isinstance(day, datetime):
        if timezone.is_aware(day):
            day = timezone.localtime(day)
        return day.strftime("%d/%m/%Y %H:%M")
    return day.strftime("%d/%m/%Y")


@register.simple_tag
def stars(count):
    """An accessible star rating: '★★★★☆' with a spoken label."""
    if not count:
        return ""
    label = gettext("%(stars)s-star OCOP product") % {"stars": count}
    return format_html(
        '<span class="stars" role="img" aria-label="{}"><span aria-hidden="true">{}</span></span>',
        label,
        "★" * count + "☆" * (5 - count),
    )


@register.filter
def localized(obj, field: str) -> str:
    """The English field (`name_en`) when the page is in English and it is filled in."""
    if get_language() == "en":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "")


@register.simple_tag
def picture(image, alt: str = "", sizes: str = SIZES, eager: bool = False):
    """A <picture> with WebP and JPEG srcsets from the image's renditions."""
    if not image:  # None, or "" from the `first` filter on no images
        return format_html('<div class="noimg" role="img" aria-label="{}"></div>', alt)
    by_format: dict[str, list] = {"webp": [], "jpeg": []}
    for rendition in image.renditions:
        by_format.setdefault(rendition["format"], []).append(rendition)
    storage = image.image.storage
    loading = "eager" if eager else "lazy"
    if not by_format["jpeg"]:
        return format_html(
            '<img src="{}" alt="{}" loading="{}" decoding="async">',
            image.image.url,
            alt or image.alt,
            loading,
        )

    def srcset(items):
        return ", ".join(f"{storage.url(item['name'])} {item['width']}w" for item in items)

    fallback = by_format["jpeg"][min(1, len(by_format["jpeg"]) - 1)]
    sources = format_html_join(
        "",
        '<source type="image/webp" srcset="{}" sizes="{}">',
        [(srcset(by_format["webp"]), sizes)] if by_format["webp"] else [],
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" '
        'loading="{}"{} decoding="async"></picture>',
        sources,
        storage.url(fallback["name"]),
        srcset(by_format["jpeg"]),
        sizes,
        alt or image.alt,
        fallback["width"],
        fallback["height"],
        loading,
        mark_safe(' fetchpriority="high"') if eager else "",
    )


@register.simple_tag
def filter_field(bound):
    """One listing filter as label, control and errors, built in Python: the listing
    renders nine of them with a hundred options on every cache miss."""
    widget, value = bound.field.widget, bound.value()
    name, field_id = bound.html_name, bound.id_for_label
    label = format_html('<label for="{}">{}</label>', field_id, bound.label)
    errors = format_html_join("", '<p class="error">{}</p>', ((error,) for error in bound.errors))
    if isinstance(widget, forms.CheckboxInput):
        checked = mark_safe(" checked") if value else ""
        return format_html(
            '<div class="field check"><input type="checkbox" name="{}" id="{}"{}> {}{}</div>',
            name,
            field_id,
            checked,
            label,
            errors,
        )
    if isinstance(widget, forms.Select):
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, mark_safe(" selected") if str(option) == chosen else "", text)
                for option, text in bound.field.choices
            ),
        )
        control = format_html('<select name="{}" id="{}">{}</select>', name, field_id, options)
    else:
        kind = "number" if isinstance(widget, forms.NumberInput) else "text"
        control = format_html(
            '<input type="{}" name="{}" id="{}" value="{}"{}>',
            kind,
            name,
            field_id,
            "" if value is None else value,
            mark_safe(' min="0" inputmode="numeric"') if kind == "number" else "",
        )
    return format_html('<div class="field">{} {}{}</div>', label, control, errors)
