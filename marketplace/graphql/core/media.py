"""Image URLs as Saleor's `thumbnail(size:, format:)` and `url(size:, format:)` give
them: the smallest stored rendition at least `size` pixels wide, in WebP when asked."""

import graphene


class ThumbnailFormatEnum(graphene.Enum):
    ORIGINAL = "ORIGINAL"
    AVIF = "AVIF"
    WEBP = "WEBP"


def image_url(info, image, size=None, format=None) -> str:
    """The original for no size and ORIGINAL; otherwise a rendition (AVIF is not made
    here, so it is answered with WebP, which every browser that reads AVIF reads too)."""
    wanted = getattr(format, "value", format) or "ORIGINAL"
    kind = "webp" if wanted in {"WEBP", "AVIF"} else "jpeg"
    renditions = [entry for entry in image.renditions or [] if entry["format"] == kind]
    name = image.image.name
    if (size or wanted != "ORIGINAL") and renditions:
        widths = sorted(renditions, key=lambda entry: entry["width"])
        fitting = [entry for entry in widths if size is None or entry["width"] >= size]
        name = (fitting[0] if fitting else widths[-1])["name"]
    return info.context.build_absolute_uri(image.image.storage.url(name))
