from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from marketplace.kiosk import devices
from marketplace.kiosk.models import KioskDevice, KioskSale


@admin.register(KioskDevice)
class KioskDeviceAdmin(admin.ModelAdmin):
    list_display = ["name", "channel", "warehouse", "registered_at", "revoked_at", "last_sync_at"]
    fields = ["name", "channel", "warehouse", "registered_at", "revoked_at", "last_sync_at"]
    readonly_fields = ["registered_at", "revoked_at", "last_sync_at"]
    actions = ["revoke_devices"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        registration = devices.register(obj.name, obj.channel, obj.warehouse, user=request.user)
        obj.pk = registration.device.pk
        messages.warning(
            request,
            _(
                "Write these down now, they are shown only once: device token %(token)s, "
                "operator PIN %(pin)s."
            )
            % {"token": registration.token, "pin": registration.pin},
        )

    @admin.action(description=_("Revoke the selected devices (their tokens stop working)"))
    def revoke_devices(self, request, queryset):
        for device in queryset:
            devices.revoke(device)
        self.message_user(request, _("%(count)d devices revoked.") % {"count": queryset.count()})


@admin.register(KioskSale)
class KioskSaleAdmin(admin.ModelAdmin):
    list_display = ["sold_at", "device", "order", "payment_method", "status", "is_resolved"]
    list_filter = ["status", "is_resolved", "payment_method", "device"]
    readonly_fields = [
        "sale_id",
        "device",
        "order",
        "payment_method",
        "sold_at",
        "received_at",
        "status",
        "flags",
        "payload",
    ]
    fields = [*readonly_fields, "is_resolved"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
