from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KioskConfig(AppConfig):
    name = "marketplace.kiosk"
    label = "kiosk"
    verbose_name = _("Kiosks")
    default_auto_field = "django.db.models.BigAutoField"
