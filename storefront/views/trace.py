"""The GS1 Digital Link resolver: product, lot and stamp verification pages (or JSON)."""

import re

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalog.models import ProductVariant
from storefront.views import resolver
from storefront.views.trace_data import certificate_data, lot_data, product_data, verification_data
from storefront.views.trace_page import render_page, verification_page
from traceability.digital_link import decode, normalise_gtin
from traceability.errors import TraceError, TraceErrorCode
from traceability.models import Lot, Scan
from traceability.services.epcis import lot_document
from traceability.services.verification import (
    attach_location,
    check_scan_token,
    client_hash,
    recorded,
    verify,
)

LINK_TYPES = {"gs1:pip", "gs1:traceability", "gs1:certificationInfo"}


def _chosen_language(request) -> None:
    """`?lang=vi|en` from the switch link wins over the browser's languages for this page."""
    language = request.GET.get("lang")
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        request.LANGUAGE_CODE = language


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


class _Malformed(Exception):
    """The URI breaks GS1's syntax: a resolver answers 400 (Conformant Resolver 1.2)."""


def _canonical(request, gtin: str) -> str:
    try:
        return normalise_gtin(gtin)
    except TraceError:
        raise _Malformed(f"GTIN {gtin} has a wrong check digit") from None


def resolver_view(view):
    """GET, HEAD and OPTIONS; a malformed URI is a 400; every answer carries the
    resolver's headers (Vary: Accept, CORS, the linkset in a Link header)."""

    @require_http_methods(["GET", "HEAD", "OPTIONS"])
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return resolver.options(request)
        target = view
        if "%2f" in (_raw_path(request) or "").lower():
            # A lot like "X/21/Y" decodes to a path the plain routes would misread.
            target, args, kwargs = _from_raw_path, (), {"rest": ""}
        try:
            response = target(request, *args, **kwargs)
        except _Malformed as error:
            message = (
                f"Mã không đúng cú pháp GS1 Digital Link / Not a valid GS1 Digital Link: {error}"
            )
            response = HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return resolver.with_headers(response, *getattr(request, "resolved", ()))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    wrapped.plain = view
    return wrapped


def _redirect_to_canonical(request, gtin, canonical):
    path = request.path.replace(f"/01/{gtin}", f"/01/{canonical}", 1)
    query = request.META.get("QUERY_STRING")
    return redirect(f"{path}?{query}" if query else path, permanent=True)


def _variant(gtin14: str) -> ProductVariant:
    return get_object_or_404(
        ProductVariant.objects.select_related("product__producer__commune__parent"), gtin=gtin14
    )


def _link_type(request, variant, lot=None, on_product_page=False, serial=None):
    request.resolved = (variant, lot, serial)
    if resolver.wants_linkset(request):
        return resolver.linkset(variant, lot, serial)
    if resolver.accepts(request, resolver.JSON_LD) and request.GET.get("linkType") is None:
        return resolver.description(variant, lot)
    link_type = resolver.requested_link_type(request)
    if link_type is None or link_type not in LINK_TYPES:
        return None
    if link_type == "gs1:certificationInfo":
        return JsonResponse({"ocop": certificate_data(variant.product)})
    if link_type == "gs1:traceability" and lot is not None:
        return JsonResponse(lot_document(lot), content_type="application/ld+json")
    if link_type == "gs1:pip" and not on_product_page:
        return redirect(f"/01/{variant.gtin}")
    return None


@resolver_view
def product(request, gtin):
    canonical = _canonical(request, gtin)
    if gtin != canonical:
        return _redirect_to_canonical(request, gtin, canonical)
    variant = _variant(canonical)
    answer = _link_type(request, variant, on_product_page=True)
    if answer is not None:
        return answer
    _chosen_language(request)
    data = {"product": product_data(variant)}
    if _wants_json(request):
        return JsonResponse(data)
    return render_page("storefront/trace/product.html", data, request.path)


@resolver_view
def lot(request, gtin, lot_code):
    canonical = _canonical(request, gtin)
    if gtin != canonical:
        return _redirect_to_canonical(request, gtin, canonical)
    variant = _variant(canonical)
    found = get_object_or_404(Lot, variant=variant, code=lot_code)
    answer = _link_type(request, variant, found)
    if answer is not None:
        return answer
    _chosen_language(request)
    data = {"product": product_data(variant), "lot": lot_data(found)}
    if _wants_json(request):
        return JsonResponse(data)
    # The switch link repeats the identifier as GS1 writes it (a "/" in a lot as %2F).
    switch_path = resolver.identifier_path(canonical, lot_code)
    return render_page("storefront/trace/lot.html", data, switch_path)


def _raw_path(request) -> str | None:
    """The path as the client sent it, before %2F became "/": uvicorn gives it in the
    ASGI scope, gunicorn and most WSGI servers in RAW_URI or REQUEST_URI."""
    scope = getattr(request, "scope", None)
    if scope and scope.get("raw_path"):
        return scope["raw_path"].decode("latin-1").split("?")[0]
    for key in ("RAW_URI", "REQUEST_URI"):
        if request.META.get(key):
            return request.META[key].split("?")[0]
    return None


# A decoded path with "/" inside a lot, when no raw path is at hand: the lot runs to the
# serial's qualifier (serials we issue never hold "/").
_DECODED = re.compile(r"^/01/(\d+)(?:/22/(.+?))?(?:/10/(.+?))?(?:/21/([^/]+))?/?$")


def _from_raw_path(request, rest):
    """Identifiers whose values hold a "/" (sent as %2F): read from the raw path."""
    raw = _raw_path(request)
    try:
        if raw is not None:
            link = decode(resolver.root() + raw)
            gtin, lot_code, serial = link.gtin, link.lot, link.serial
        else:
            match = _DECODED.match(request.path)
            if match is None:
                raise TraceError(TraceErrorCode.INVALID_DIGITAL_LINK, "uri", detail=request.path)
            gtin, _cpv, lot_code, serial = match.groups()
    except TraceError as error:
        raise _Malformed(error.message_en) from None
    if serial is not None and lot_code is not None:
        return stamp.plain(request, gtin, lot_code, serial)
    if lot_code is not None:
        return lot.plain(request, gtin, lot_code)
    return product.plain(request, gtin)


any_path = resolver_view(_from_raw_path)


def _throttled(client: str) -> bool:
    key = f"scan-rate:{client}"
    cache.add(key, 0, 60)
    return cache.incr(key) > settings.SCAN_RATE_LIMIT_PER_MINUTE


@resolver_view
def stamp(request, gtin, lot_code, serial):
    canonical = _canonical(request, gtin)
    if gtin != canonical:
        return _redirect_to_canonical(request, gtin, canonical)
    asks_for_links = (
        request.GET.get("linkType") is not None
        or resolver.accepts(request, resolver.LINKSET)
        or resolver.accepts(request, resolver.JSON_LD)
        or request.method == "HEAD"
    )
    if asks_for_links:  # never counted as a scan
        variant = _variant(canonical)
        found = Lot.objects.filter(variant=variant, code=lot_code).first()
        answer = _link_type(request, variant, found, serial=serial)
        return answer or redirect(resolver.identifier_path(canonical, lot_code))
    client = client_hash(request.META.get("REMOTE_ADDR", ""))
    if _throttled(client):
        return _too_many(request)
    result = verify(
        canonical,
        lot_code,
        serial,
        client=client,
        user_agent=request.headers.get("User-Agent", ""),
    )
    if _wants_json(request):
        return JsonResponse({**verification_data(result), "scan_id": result.scan_id})
    return verification_page(result)


@require_GET
def scan_result(request, scan_id, token):
    """A scan's result again (the language switch of the verification page), not counted."""
    result = recorded(scan_id) if check_scan_token(scan_id, token) else None
    if result is None:
        raise Http404("scan")
    _chosen_language(request)
    return verification_page(result)


def _too_many(request):
    message = (
        "Quá nhiều lượt quét từ thiết bị này; vui lòng thử lại sau một phút. / "
        "Too many scans from this device; please try again in a minute."
    )
    if _wants_json(request):
        return JsonResponse({"error": "rate_limited", "message": message}, status=429)
    return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")


@csrf_exempt  # the scan token in the path stands for the CSRF token: it came with the page
@require_POST
def scan_location(request, scan_id, token):
    """The visitor agreed to share a coarse location for their scan (same client only)."""
    client = client_hash(request.META.get("REMOTE_ADDR", ""))
    if _throttled(client):
        return _too_many(request)
    if not check_scan_token(scan_id, token):
        raise Http404("scan")
    scan = get_object_or_404(Scan, pk=scan_id, client_hash=client)
    attach_location(scan, request.POST.get("latitude"), request.POST.get("longitude"))
    return JsonResponse({"ok": True})
