"""What a GS1 conformant resolver answers besides its pages (GS1 Digital Link:
Resolution, the Conformant Resolver standard 1.2): every link of an identifier as an
RFC 9264 linkset (`linkType=all` or `Accept: application/linkset+json`), a JSON-LD
description (`Accept: application/ld+json`), HEAD and OPTIONS with CORS, `Vary: Accept`
and a `Link` header on every answer, link types as `gs1:pip` or as full URIs, and the
resolver's own description at `/.well-known/gs1resolver`."""

from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

GS1_VOC = "https://gs1.org/voc/"
LINKSET = "application/linkset+json"
JSON_LD = "application/ld+json"
# The link types this resolver serves, by their short name.
SERVED = ("pip", "traceability", "certificationInfo", "defaultLink")
METHODS = "GET, HEAD, OPTIONS"


def requested_link_type(request) -> str | None:
    """`linkType` as the compact `gs1:x` form, whether given so or as a full URI."""
    value = request.GET.get("linkType")
    if value and value.startswith(GS1_VOC):
        return "gs1:" + value.removeprefix(GS1_VOC)
    if value and value.startswith("http://gs1.org/voc/"):
        return "gs1:" + value.removeprefix("http://gs1.org/voc/")
    return value


def accepts(request, media_type: str) -> bool:
    return media_type in request.headers.get("Accept", "")


def wants_linkset(request) -> bool:
    return requested_link_type(request) in ("all", "linkset") or accepts(request, LINKSET)


def root() -> str:
    return settings.TRACE_BASE_URL.rstrip("/")


def identifier_path(gtin: str, lot: str | None = None, serial: str | None = None) -> str:
    path = f"/01/{gtin}"
    if lot is not None:
        path += f"/10/{quote(lot, safe='')}"
    if serial is not None:
        path += f"/21/{quote(serial, safe='')}"
    return path


def _link(href: str, title: str, media_type: str) -> dict:
    return {"href": href, "title": title, "type": media_type, "hreflang": ["vi", "en"]}


def links(variant, lot=None, serial=None) -> dict[str, list[dict]]:
    """The targets of each link type, keyed by the type's full URI."""
    product = variant.product
    anchor = root() + identifier_path(variant.gtin, lot.code if lot else None, serial)
    page = anchor if serial is None else root() + identifier_path(variant.gtin, lot.code)
    shop = root() + reverse("shop-product", args=[product.slug])
    found = {
        "defaultLink": [_link(page, product.name, "text/html")],
        "pip": [_link(shop, product.name, "text/html")],
        "certificationInfo": [
            _link(f"{anchor}?linkType=gs1:certificationInfo", "OCOP", "application/json")
        ],
    }
    if lot is not None:
        found["traceability"] = [
            _link(f"{anchor}?linkType=gs1:traceability", f"EPCIS 2.0 · {lot.code}", JSON_LD)
        ]
    return {GS1_VOC + name: targets for name, targets in found.items()}


def linkset(variant, lot=None, serial=None) -> JsonResponse:
    """RFC 9264: one context object, its anchor the identifier, one member per link type."""
    anchor = root() + identifier_path(variant.gtin, lot.code if lot else None, serial)
    body = {"linkset": [{"anchor": anchor, **links(variant, lot, serial)}]}
    return JsonResponse(body, content_type=LINKSET)


def description(variant, lot=None) -> JsonResponse:
    """The product (and lot) in JSON-LD, with GS1 Web Vocabulary and schema.org terms."""
    product = variant.product
    anchor = root() + identifier_path(variant.gtin, lot.code if lot else None)
    body = {
        "@context": {"gs1": GS1_VOC, "schema": "https://schema.org/"},
        "@id": anchor,
        "@type": ["gs1:Product", "schema:Product"],
        "gs1:gtin": variant.gtin,
        "schema:gtin": variant.gtin,
        "gs1:productName": [
            {"@value": product.name, "@language": "vi"},
            *([{"@value": product.name_en, "@language": "en"}] if product.name_en else []),
        ],
        "schema:name": product.name,
        "gs1:brand": {"gs1:brandName": product.brand_name},
        "schema:manufacturer": {
            "@type": "schema:Organization",
            "schema:name": product.producer.name,
        },
    }
    if lot is not None:
        body["gs1:hasBatchLotNumber"] = lot.code
    return JsonResponse(body, content_type=JSON_LD)


def with_headers(response, variant=None, lot=None, serial=None):
    """`Vary: Accept` (the answer depends on it), CORS, and the linkset in a Link header."""
    patch_vary_headers(response, ["Accept"])
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "Link"
    if variant is not None and not response.has_header("Link"):
        anchor = root() + identifier_path(variant.gtin, lot.code if lot else None, serial)
        response["Link"] = (
            f'<{anchor}?linkType=all>; rel="linkset"; type="{LINKSET}", '
            f'<{anchor}>; rel="owl:sameAs"'
        )
    return response


def options(request):
    """CORS preflight and the methods a resolver must support."""
    response = HttpResponse(status=204)
    response["Allow"] = METHODS
    response["Access-Control-Allow-Methods"] = METHODS
    response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
    response["Access-Control-Max-Age"] = "86400"
    return with_headers(response)


@require_safe
def well_known(request):
    """`/.well-known/gs1resolver`: who this resolver is and what it serves."""
    body = {
        "name": "OCOP Market resolver",
        "resolverRoot": root(),
        "supportedPrimaryKeys": ["01"],
        "supportedLinkType": [{"namespace": GS1_VOC, "prefix": "gs1:"}],
        "linkTypes": [f"gs1:{name}" for name in SERVED],
        "linkTypeDefaultCanBeLinkset": True,
        "supportedMethods": METHODS.split(", "),
    }
    return with_headers(JsonResponse(body))
