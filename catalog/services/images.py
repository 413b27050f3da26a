"""Product images: validated by their content, normalised, stripped of metadata."""

import io
import secrets
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.models import Product, ProductImage

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000
# The stored original's longest side: twice the largest copy pages show (960 px), and
# enough for print; phone photos of 50 megapixels are reduced to it on arrival.
MAX_STORED_SIDE = 2400
_IMAGE_SLOTS = threading.BoundedSemaphore(settings.IMAGE_WORKERS)
# Widths of the copies pages pick from with srcset; each in WebP and in JPEG.
RENDITION_WIDTHS = (240, 480, 960)
RENDITION_FORMATS = {"webp": "WEBP", "jpeg": "JPEG"}


def _refuse(detail: str):
    return CatalogError(CatalogErrorCode.INVALID_IMAGE, "image", detail=detail)


def read_image(data: bytes) -> Image.Image:
    """Open and check an upload: JPEG, PNG or WebP by content, size and pixel limits.
    The pixel count is read from the header, before anything is decoded; a JPEG is then
    decoded straight at the stored size, and every image is reduced to it."""
    if len(data) > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise _refuse(f"larger than {settings.MAX_IMAGE_UPLOAD_BYTES // (1024 * 1024)} MB")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise _refuse("not an image file (JPEG, PNG or WebP)") from error
    except Image.DecompressionBombError as error:
        raise _refuse("too many pixels (decompression bomb)") from error
    if kind not in ALLOWED_FORMATS:
        raise _refuse(f"{kind} is not accepted; use JPEG, PNG or WebP")
    if width * height > MAX_PIXELS:
        raise _refuse(f"{width}×{height} is more than 40 megapixels")
    image = Image.open(io.BytesIO(data))
    if kind == "JPEG":
        image.draft(image.mode, (MAX_STORED_SIDE, MAX_STORED_SIDE))
    try:
        image.load()
        image.thumbnail((MAX_STORED_SIDE, MAX_STORED_SIDE), Image.Resampling.LANCZOS)
    except (OSError, ValueError) as error:  # truncated or damaged past its header
        raise _refuse("the image is damaged") from error
    image.format = kind
    return image


@contextmanager
def image_work():
    """At most IMAGE_WORKERS images are decoded at once in a process (a 40-megapixel
    PNG takes 160 MB while it is decoded); others wait their turn, then are refused."""
    if not _IMAGE_SLOTS.acquire(timeout=settings.IMAGE_WORK_WAIT_SECONDS):
        raise _refuse("the server is busy with other images; try again in a minute")
    try:
        yield
    finally:
        _IMAGE_SLOTS.release()


def clean_copy(data: bytes) -> tuple[Image.Image, str]:
    """The upload upright (EXIF orientation applied), reduced to the stored size, with
    every metadata field removed (no EXIF with GPS or camera, no XMP, no text chunks);
    and its format."""
    with image_work():
        image = read_image(data)
        kind = image.format
        upright = ImageOps.exif_transpose(image)
        clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
        if upright.mode == "P":
            clean.putpalette(upright.getpalette())
    return clean, kind


def add_product_image(product: Product, data: bytes, *, alt: str = "") -> ProductImage:
    """Store an upload upright (EXIF orientation applied) with every metadata field removed."""
    clean, kind = clean_copy(data)
    buffer = io.BytesIO()
    save_kind = kind if kind in ALLOWED_FORMATS else "JPEG"
    if save_kind == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    clean.save(buffer, save_kind, quality=88)
    position = product.images.count()
    record = ProductImage(product=product, alt=alt[:200] or product.name, sort_order=position)
    record.image.save(
        # A random part in the name: a photo of an unpublished product cannot be found by
        # guessing its address.
        f"{product.slug}-{secrets.token_urlsafe(12)}.{ALLOWED_FORMATS[save_kind]}",
        ContentFile(buffer.getvalue()),
        save=False,
    )
    record.renditions = _renditions(record, clean)
    record.save()
    return record


def _renditions(record: ProductImage, image: Image.Image) -> list[dict]:
    """Resized WebP and JPEG copies, never wider than the original."""
    flat = image.convert("RGB")
    stem = record.image.name.rsplit(".", 1)[0]
    made = []
    # A narrow original gives fewer copies, the widest being its own width.
    for width in sorted({min(width, flat.width) for width in RENDITION_WIDTHS}):
        height = max(1, round(flat.height * width / flat.width))
        resized = (
            flat if width == flat.width else flat.resize((width, height), Image.Resampling.LANCZOS)
        )
        for extension, kind in RENDITION_FORMATS.items():
            buffer = io.BytesIO()
            # WebP method 2 encodes about 3.5 times faster than the default 4, for a few
            # per cent more bytes.
            resized.save(buffer, kind, quality=80, **({"method": 2} if kind == "WEBP" else {}))
            name = record.image.storage.save(
                f"{stem}-{width}.{extension}", ContentFile(buffer.getvalue())
            )
            width_height = {"width": resized.width, "height": resized.height}
            made.append({**width_height, "format": extension, "name": name})
    return made
