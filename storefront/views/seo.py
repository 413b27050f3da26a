"""robots.txt, sitemap.xml and /favicon.ico."""

from pathlib import Path

from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from catalog.models import Producer
from storefront.queries import listed_products
from tourism.services import open_points

HOUR = 3600
DAY = 24 * HOUR
FAVICON = Path(__file__).resolve().parents[1] / "static" / "storefront" / "favicon.ico"


@require_GET
def robots(request):
    """The cart and checkout are not disallowed: a crawler must fetch the empty cart to
    read its noindex (a disallowed URL linked from every page can still be listed), and
    a cart with items or a checkout exists only for the visitor holding its session."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /don-hang/",
        "Disallow: /tai-khoan/",
        "Disallow: /graphql/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """The icon browsers ask for at /favicon.ico whatever a page links (a text file, an
    image opened on its own, old clients): the shop's star, not a 404."""
    response = FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=DAY)
    return response


@require_GET
@cache_page(HOUR)
def sitemap(request):
    products = listed_products(timezone.localdate()).order_by("pk")
    urls = [reverse("shop-home"), reverse("shop-listing"), reverse("shop-points")]
    urls += [
        reverse("shop-product", args=[slug]) for slug in products.values_list("slug", flat=True)
    ]
    urls += [
        reverse("shop-producer", args=[slug])
        for slug in Producer.objects.filter(products__in=products)
        .distinct()
        .values_list("slug", flat=True)
    ]
    urls += [reverse("shop-point", args=[point.slug]) for point in open_points()]
    context = {"urls": [request.build_absolute_uri(url) for url in urls]}
    return render(request, "storefront/sitemap.xml", context, content_type="application/xml")
