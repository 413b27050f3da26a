from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    name = "program"
    verbose_name = _("OCOP programme")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import program.tasks  # noqa: F401 (registers the background tasks with Celery)

        # The ledger listens to the commerce event log; commerce never imports program.
        from program.services.ledger import subscribe_to_sales

        subscribe_to_sales()
