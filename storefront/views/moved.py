"""Old addresses of products, producers and tourism points answer 301 to the current one."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from catalog.services.slugs import current_slug


def or_moved(find, model, kind: str, url_name: str, slug: str):
    """`find()`'s object, or a permanent redirect when `slug` is a former address of one;
    404 otherwise."""
    try:
        return find()
    except Http404:
        new = current_slug(model, kind, slug)
        if new is None or new == slug:
            raise
        return HttpResponsePermanentRedirect(reverse(url_name, args=[new]))
