"""The GS1 Digital Link resolver: product, lot and stamp verification pages (or JSON)."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from catalog.models import ProductVariant
from storefront.views.trace_data import certificate_data, lot_data, product_data, verification_data
from storefront.views.trace_page import render_page, verification_page
from traceability.digital_link import normalise_gtin
from traceability.errors import TraceError
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


def _canonical(request, gtin: str) -> str:
    try:
        return normalise_gtin(gtin)
    except TraceError:
        raise Http404("GTIN") from None


def _redirect_to_canonical(request, gtin, canonical):
    path = request.path.replace(f"/01/{gtin}", f"/01/{canonical}", 1)
    query = request.META.get("QUERY_STRING")
    return redirect(f"{path}?{query}" if query else path, permanent=True)


def _variant(gtin14: str) -> ProductVariant:
    return get_object_or_404(
        ProductVariant.objects.select_related("product__producer__commune__parent"), gtin=gtin14
    )


def _link_type(request, variant, lot=None, on_product_page=False):
    link_type = request.GET.get("linkType")
    if link_type is None or link_type not in LINK_TYPES:
        return None
    if link_type == "gs1:certificationInfo":
        return JsonResponse({"ocop": certificate_data(variant.product)})
    if link_type == "gs1:traceability" and lot is not None:
        return JsonResponse(lot_document(lot), content_type="application/ld+json")
    if link_type == "gs1:pip" and not on_product_page:
        return redirect(f"/01/{variant.gtin}")
    return None


@require_GET
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


@require_GET
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
    return render_page("storefront/trace/lot.html", data, request.path)


def _throttled(client: str) -> bool:
    key = f"scan-rate:{client}"
    cache.add(key, 0, 60)
    return cache.incr(key) > settings.SCAN_RATE_LIMIT_PER_MINUTE


@require_GET
def stamp(request, gtin, lot_code, serial):
    canonical = _canonical(request, gtin)
    if gtin != canonical:
        return _redirect_to_canonical(request, gtin, canonical)
    if request.GET.get("linkType") in LINK_TYPES:
        variant = _variant(canonical)
        found = Lot.objects.filter(variant=variant, code=lot_code).first()
        return _link_type(request, variant, found) or redirect(f"/01/{canonical}")
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
