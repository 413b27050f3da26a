"""Uploaded images get WebP and JPEG renditions used in srcset; every string is translated."""

import io
from pathlib import Path

import pytest
from django.template import Context, Template
from PIL import Image

from catalog.models import Product
from catalog.services.images import add_product_image

ROOT = Path(__file__).resolve().parents[2]


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_upload_gets_webp_and_jpeg_copies_at_fixed_widths(demo):
    product = Product.objects.get(slug="gao-nep-cai-hoa-vang")
    image = add_product_image(product, jpeg(1200, 900), alt="Túi gạo")
    widths = sorted((item["format"], item["width"]) for item in image.renditions)
    expected = [(kind, width) for kind in ("jpeg", "webp") for width in (240, 480, 960)]
    assert widths == expected
    for item in image.renditions:
        with image.image.storage.open(item["name"]) as stored, Image.open(stored) as copy:
            assert copy.format == {"webp": "WEBP", "jpeg": "JPEG"}[item["format"]]
            assert copy.size == (item["width"], item["height"])


@pytest.mark.django_db
def test_a_small_upload_is_never_enlarged(demo):
    image = add_product_image(Product.objects.get(slug="gao-nep-cai-hoa-vang"), jpeg(300, 200))
    assert sorted({item["width"] for item in image.renditions}) == [240, 300]


@pytest.mark.django_db
def test_the_picture_tag_offers_both_formats_with_srcset(demo):
    image = Product.objects.get(slug="gao-nep-cai-hoa-vang").images.first()
    html = Template("{% load shop %}{% picture image 'Gạo' %}").render(Context({"image": image}))
    assert '<source type="image/webp" srcset="' in html and " 800w" in html  # demo: 800 px
    assert 'alt="Gạo"' in html and 'loading="lazy"' in html


def translation_of(entry: str) -> str:
    """The joined msgstr (or msgstr[0]) text of one .po entry."""
    lines = entry.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("msgstr"))
    parts = [lines[start].split(" ", 1)[1]] + [
        line for line in lines[start + 1 :] if line.startswith('"')
    ]
    return "".join(part.strip().strip('"') for part in parts)


@pytest.mark.parametrize(
    "catalogue",
    sorted(str(path.relative_to(ROOT)) for path in ROOT.glob("*/locale/vi/LC_MESSAGES/django.po")),
)
def test_every_message_has_a_vietnamese_translation(catalogue):
    entries = [
        entry
        for entry in (ROOT / catalogue).read_text(encoding="utf-8").split("\n\n")[1:]
        if "msgid" in entry
    ]
    untranslated = [entry for entry in entries if not translation_of(entry)]
    fuzzy = [entry for entry in entries if "#, fuzzy" in entry or "#| msgid" in entry]
    assert untranslated == [] and fuzzy == []
