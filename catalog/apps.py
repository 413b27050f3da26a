from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("OCOP catalogue")

    def ready(self):
        import catalog.tasks  # noqa: F401 (registers the background tasks with Celery)
