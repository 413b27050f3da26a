"""robots.txt and sitemap.xml."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from catalog.models import Producer
from storefront.queries import listed_products
from tourism.services import open_points

HOUR = 3600


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
