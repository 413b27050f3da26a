from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from marketplace.health import healthz
from marketplace.payments.views import stripe_webhook

admin.site.site_header = "OCOP Market"
admin.site.site_title = "OCOP Market"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("webhooks/stripe/", stripe_webhook, name="stripe-webhook"),
    path("admin/", admin.site.urls),
    # The consumer storefront is not built yet; until then the root opens the admin.
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
