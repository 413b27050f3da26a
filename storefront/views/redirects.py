"""The one way a page follows a `next` address it was given: only a path on this site;
anything else (another site, `javascript:`, a bare word) goes to the page's own default."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from program.services.scope import can_read_programme


def safe_next(request, fallback: str, *args):
    """Redirect to the POSTed (or queried) `next` when it is a path on this site, else to
    the URL named `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    on_this_site = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if target.startswith("/") and not target.startswith("//") and on_this_site:
        return redirect(target)
    return redirect(fallback, *args)


def home_for(user) -> str:
    """Where a user lands after signing in without a `next`: producer staff in the
    portal, programme readers on the programme dashboard, everyone else in their account."""
    if getattr(user, "producer_id", None):
        return reverse("producer-home")
    if can_read_programme(user):
        return reverse("program-dashboard")
    return reverse("shop-account")
