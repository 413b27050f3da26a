from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt

from marketplace.graphql.core.view import ApiView
from marketplace.health import healthz
from marketplace.payments.views import stripe_webhook
from program import views as program_feed
from storefront.views import resolver, trace, trace_retype

admin.site.site_header = "OCOP Market"
admin.site.site_title = "OCOP Market"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("webhooks/stripe/", stripe_webhook, name="stripe-webhook"),
    # Token-authenticated API (JWT in the Authorization header), so no CSRF cookie.
    path("graphql/", csrf_exempt(ApiView.as_view(graphiql=settings.DEBUG)), name="graphql"),
    # The programme's read feed for provincial and national systems (docs/api.md).
    path("api/feed/v1/products.json", program_feed.products, name="feed-products"),
    path("api/feed/v1/sales.json", program_feed.sales, name="feed-sales"),
    path("admin/", admin.site.urls),
    # GS1 Digital Link resolver: the QR code on every stamp opens one of these.
    re_path(r"^01/(?P<gtin>\d{8,14})/?$", trace.product, name="trace-product"),
    re_path(r"^01/(?P<gtin>\d{8,14})/10/(?P<lot_code>[^/]+)/?$", trace.lot, name="trace-lot"),
    re_path(
        r"^01/(?P<gtin>\d{8,14})/10/(?P<lot_code>[^/]+)/21/(?P<serial>[^/]+)/?$",
        trace.stamp,
        name="trace-stamp",
    ),
    # Values holding "/" (sent as %2F, which the server decodes before routing).
    re_path(r"^01/(?P<rest>.+)$", trace.any_path, name="trace-any"),
    path(".well-known/gs1resolver", resolver.well_known, name="gs1-resolver"),
    path("tem/nhap-lai/", trace_retype.retype, name="trace-retype"),
    path("scan/<int:scan_id>/<str:token>/", trace.scan_result, name="scan-result"),
    path("scan/<int:scan_id>/<str:token>/location", trace.scan_location, name="scan-location"),
    path("", include("storefront.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
