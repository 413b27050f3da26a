"""The kiosk: a touch PWA under /kiosk/ and the device API it syncs through.

The device authenticates every API call with its token (`Authorization: Bearer …`),
never with a session cookie, so the API is exempt from CSRF; a revoked or unknown
token gets 403 with the reason in both languages and the device keeps its sales."""

import json
from datetime import date
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from marketplace.errors import CommerceError
from marketplace.kiosk import devices
from marketplace.kiosk.report import end_of_day
from marketplace.kiosk.snapshot import snapshot as build_snapshot
from marketplace.kiosk.sync import start_card_sale, sync_batch

MAX_BATCH = 500
MAX_BODY = 5 * 1024 * 1024
MAX_DEPTH = 16  # a sale is an object of lines of objects: 4 levels; nothing needs 16
EARLIEST_REPORT_DAY = date(2000, 1, 1)


def _depth(value) -> int:
    """How deeply containers nest in a parsed JSON value (iterative: no recursion)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                break
            children = item.values() if isinstance(item, dict) else item
            todo.extend((child, level + 1) for child in children)
    return deepest


def _json_body(request):
    """The request's JSON, or None when it is not JSON, too large or too deeply nested."""
    if len(request.body) > MAX_BODY:
        return None
    try:
        value = json.loads(request.body)
    except (ValueError, RecursionError):
        return None
    return value if _depth(value) <= MAX_DEPTH else None


def _bad_request(message_vi: str, message_en: str, status=400) -> JsonResponse:
    body = {"code": "invalid", "message_vi": message_vi, "message_en": message_en}
    return JsonResponse({"error": body}, status=status)


def app(request):
    """The app shell; everything else is loaded by the script and cached for offline use."""
    return render(request, "storefront/kiosk/app.html")


@require_GET
def service_worker(request):
    # Served from /kiosk/ so that its scope covers the whole app.
    path = finders.find("storefront/kiosk/sw.js")
    response = HttpResponse(Path(path).read_bytes(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request):
    body = {
        "name": "OCOP Kiosk",
        "short_name": "OCOP Kiosk",
        "lang": "vi",
        "start_url": "/kiosk/",
        "scope": "/kiosk/",
        "display": "standalone",
        "orientation": "any",
        "background_color": "#ffffff",
        "theme_color": "#a3102a",
        "icons": [
            {"src": static("storefront/kiosk/icon.svg"), "sizes": "any", "type": "image/svg+xml"}
        ],
    }
    return JsonResponse(body, content_type="application/manifest+json")


def _device(request):
    header = request.headers.get("Authorization", "")
    token = header.split(" ", 1)[1].strip() if header.startswith("Bearer ") else ""
    return devices.authenticate(token)


def _refused(error: CommerceError) -> JsonResponse:
    body = {"code": str(error.code), "message_vi": error.message_vi, "message_en": error.message_en}
    return JsonResponse({"error": body}, status=403)


@never_cache
@require_GET
def snapshot(request):
    try:
        device = _device(request)
    except CommerceError as error:
        return _refused(error)
    return JsonResponse(build_snapshot(device))


@csrf_exempt
@never_cache
@require_POST
def sync(request):
    try:
        device = _device(request)
    except CommerceError as error:
        return _refused(error)
    if len(request.body) > MAX_BODY:
        return JsonResponse({"error": {"code": "too_large"}}, status=413)
    body = _json_body(request)
    sales = body.get("sales") if isinstance(body, dict) else None
    if not isinstance(sales, list) or len(sales) > MAX_BATCH:
        return _bad_request(
            f"Gửi {{'sales': [...]}} với nhiều nhất {MAX_BATCH} đơn, "
            f"JSON lồng tối đa {MAX_DEPTH} cấp.",
            f"Send {{'sales': [...]}} with at most {MAX_BATCH} sales, JSON nested at most "
            f"{MAX_DEPTH} levels.",
        )
    sales = [sale if isinstance(sale, dict) else {} for sale in sales]
    return JsonResponse({"results": sync_batch(device, sales)})


@csrf_exempt
@never_cache
@require_POST
def card(request):
    """Start a card sale (online only): the answer names the order page that takes the card."""
    try:
        device = _device(request)
    except CommerceError as error:
        return _refused(error)
    sale = _json_body(request)
    if not isinstance(sale, dict):
        return _bad_request(
            f"Gửi một đơn dạng JSON (tối đa {MAX_DEPTH} cấp lồng nhau).",
            f"Send one sale as JSON (nested at most {MAX_DEPTH} levels).",
        )
    result = start_card_sale(device, sale)
    if result["status"] == "failed":
        return JsonResponse({"result": result}, status=400)
    return JsonResponse({"result": result, "url": reverse("shop-order", args=[result["token"]])})


def _money(value) -> int:
    return int(value)


@never_cache
@require_GET
def report(request):
    """The end-of-day report of the calling device (today unless ?day=YYYY-MM-DD)."""
    try:
        device = _device(request)
    except CommerceError as error:
        return _refused(error)
    today = timezone.localdate()
    try:
        day = date.fromisoformat(request.GET["day"]) if "day" in request.GET else today
    except ValueError:
        day = None
    if day is None or not EARLIEST_REPORT_DAY <= day <= today:
        return _bad_request(
            f"Ngày báo cáo phải có dạng YYYY-MM-DD, từ {EARLIEST_REPORT_DAY:%d/%m/%Y} đến hôm nay.",
            f"The report day must be YYYY-MM-DD, from {EARLIEST_REPORT_DAY:%d %b %Y} to today.",
        )
    found = end_of_day(device, day)
    return JsonResponse(
        {
            "day": day.isoformat(),
            "device": device.name,
            "total": _money(found["total"]),
            "byMethod": {
                method: {"count": row["count"], "total": _money(row["total"])}
                for method, row in found["by_method"].items()
            },
            "producers": [
                {
                    "name": name,
                    "gross": _money(row["gross"]),
                    "commission": _money(row["commission"]),
                    "net": _money(row["net"]),
                    "quantity": row["quantity"],
                    "byMethod": {m: _money(v) for m, v in row["by_method"].items()},
                }
                for name, row in found["producers"].items()
            ],
            "flagged": found["flagged"],
        }
    )
