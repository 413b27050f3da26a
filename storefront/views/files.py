"""Private files handed out by signed, expiring links: lot certificates, test reports and
event evidence. A link is made by a page that already decided who may see the file (the
stamp page for certificates and reports, the producer's own lot page for evidence); the
file's own storage name is never a way in, and it is not under /media/."""

import mimetypes

from django.core import signing
from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.decorators.http import require_GET

from catalog.storage import private_storage

SALT = "ocop.private-file"
LINK_LIFETIME_SECONDS = 24 * 3600  # outlives the 5-minute cache of the stamp page
SERVED_FOLDERS = ("lots/",)


def signed_url(field_file) -> str | None:
    """A link to a private file that works for a day, or None when there is no file."""
    if not field_file:
        return None
    token = signing.dumps(field_file.name, salt=SALT, compress=True)
    return reverse("private-file", args=[token])


@require_GET
def private_file(request, token):
    try:
        name = signing.loads(token, salt=SALT, max_age=LINK_LIFETIME_SECONDS)
    except signing.BadSignature:  # tampered or expired (SignatureExpired is a subclass)
        raise Http404 from None
    storage = private_storage()
    if not name.startswith(SERVED_FOLDERS) or not storage.exists(name):
        raise Http404
    extension = name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        storage.open(name, "rb"),
        content_type=mimetypes.types_map.get(f".{extension}", "application/octet-stream"),
        filename=f"tai-lieu.{extension}",
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
