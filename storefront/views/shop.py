"""Home, listing with filters, and the suggestions shown while typing a search."""

from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from catalog.models import ProductGroup
from catalog.search import SearchFilters, get_backend
from marketplace.replica import lag_tolerant
from storefront.forms import ListingFilters
from storefront.page_cache import cached_page
from storefront.queries import area_filter, facets, group_filter, images_prefetch, listed_products
from tourism.services import open_points

PER_PAGE = 24
ORDERINGS = {
    "stars": [F("stars").desc(nulls_last=True), "sort_name"],
    "price": [F("price").asc(nulls_last=True), "sort_name"],
    "-price": [F("price").desc(nulls_last=True), "sort_name"],
    "newest": ["-created_at", "sort_name"],
    "name": ["sort_name"],
}


@require_GET
def home(request):
    """The same for every visitor in a language: kept briefly (see page_cache)."""
    body = cached_page(f"home|{get_language()}", lambda: _home_html(request))
    return render(request, "storefront/cached.html", {"page": {}, "body": mark_safe(body)})


def _home_html(request) -> str:
    today = timezone.localdate()
    featured = (
        listed_products(today)
        .filter(stars__isnull=False)
        .order_by(F("stars").desc(), "-in_stock", "sort_name")
        .prefetch_related(images_prefetch())[:8]
    )
    context = {
        "featured": featured,
        "groups": ProductGroup.objects.filter(parent__isnull=True).order_by("code"),
        "points": open_points()[:6],
    }
    return render_to_string("storefront/_home_body.html", context, request)


def filtered_products(form: ListingFilters):
    """The listing's queryset for valid filters; invalid ones are reported and ignored."""
    products = listed_products(timezone.localdate())
    form.is_valid()
    data = {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
    if data.get("stars"):
        products = products.filter(stars__gte=int(data["stars"]))
    if data.get("group"):
        products = products.filter(group_filter(data["group"]))
    if data.get("area"):
        products = products.filter(area_filter(data["area"]))
    if data.get("producer"):
        products = products.filter(producer__slug=data["producer"])
    if data.get("price_min") is not None:
        products = products.filter(price__gte=data["price_min"])
    if data.get("price_max") is not None and "price_max" not in form.errors:
        products = products.filter(price__lte=data["price_max"])
    if data.get("in_stock"):
        products = products.filter(in_stock=True)
    if data.get("q"):
        valid = {name: value for name, value in data.items() if name not in form.errors}
        products = get_backend().search(products, data["q"], search_filters(valid))
    if data.get("sort") in ORDERINGS or not data.get("q"):
        products = products.order_by(*ORDERINGS.get(data.get("sort"), ORDERINGS["stars"]))
    return products


def search_filters(data: dict) -> SearchFilters:
    """The same filters, for a search engine that filters inside its index."""
    return SearchFilters(
        min_stars=int(data["stars"]) if data.get("stars") else None,
        group=data.get("group", ""),
        area=data.get("area", ""),
        producer=data.get("producer", ""),
        price_min=data.get("price_min"),
        price_max=data.get("price_max"),
        in_stock=bool(data.get("in_stock")),
    )


def _listing_html(request, template: str) -> str:
    form = ListingFilters(request.GET, facets(), english=get_language() == "en")
    products = filtered_products(form)
    page = Paginator(products.prefetch_related(images_prefetch()), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "chips": form.chips(),
        "has_filters": any(value for key, value in request.GET.items() if key != "page"),
    }
    return render_to_string(template, context, request)


@require_GET
@lag_tolerant
def listing(request):
    """Filters and results depend only on the query string and the language, so their
    HTML is cached briefly; prices and stock are checked again in the cart."""
    partial = bool(
        request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    )
    template = "storefront/_results.html" if partial else "storefront/_listing_body.html"
    key = f"listing|{get_language()}|{template}|{request.GET.urlencode()}"
    html = cached_page(key, lambda: _listing_html(request, template))
    if partial:
        response = HttpResponse(html)
    else:
        # `html` is our own template output (escaped when rendered), cached as a string.
        context = {"body": mark_safe(html), "q": request.GET.get("q", "")[:100]}
        response = render(request, "storefront/listing.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@lag_tolerant
def suggest(request):
    text = request.GET.get("q", "")
    products = get_backend().suggest(listed_products(timezone.localdate()), text, limit=6)
    return render(request, "storefront/_suggestions.html", {"products": products, "q": text})
