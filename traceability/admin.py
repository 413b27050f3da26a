from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from traceability.errors import TraceError
from traceability.models import (
    CounterfeitFlag,
    InputDiaryEntry,
    Lot,
    LotCertification,
    Scan,
    StampBatch,
    TestReport,
    TraceEvent,
)
from traceability.services.lots import recall_lot
from traceability.services.printing import print_batch
from traceability.services.stamps import void_batch


class CertificationInline(admin.TabularInline):
    model = LotCertification
    extra = 0


class InputInline(admin.TabularInline):
    model = InputDiaryEntry
    extra = 0


class TestReportInline(admin.TabularInline):
    model = TestReport
    extra = 0


class EventInline(admin.TabularInline):
    model = TraceEvent
    fk_name = "lot"
    fields = ["event_time", "business_step", "event_type", "disposition", "business_location"]
    readonly_fields = ["event_type", "disposition"]
    extra = 0


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
    list_display = ["code", "variant", "production_date", "expiry_date", "status"]
    list_filter = ["status"]
    search_fields = ["code", "variant__sku", "variant__gtin", "variant__product__name"]
    raw_id_fields = ["variant"]
    autocomplete_fields = ["origin_unit"]
    readonly_fields = ["status", "recalled_at", "recall_reason"]
    inlines = [CertificationInline, InputInline, TestReportInline, EventInline]
    actions = ["recall_action"]

    @admin.action(description=_("Recall the selected lots (their stamps warn on scan)"))
    def recall_action(self, request, queryset):
        for lot in queryset:
            recall_lot(lot, reason="Thu hồi theo quyết định của văn phòng chương trình")
        self.message_user(request, _("Lots recalled."), messages.WARNING)


@admin.register(StampBatch)
class StampBatchAdmin(admin.ModelAdmin):
    list_display = ["pk", "lot", "count", "status", "issued_at", "issued_by"]
    list_filter = ["status"]
    search_fields = ["lot__code"]
    readonly_fields = ["lot", "count", "status", "issued_by", "issued_at"]
    actions = ["print_action", "void_action"]

    def has_add_permission(self, request):
        return False  # batches are issued through `ocop stamps issue` or the producer portal

    @admin.action(description=_("Download the printable PDF of the selected batch"))
    def print_action(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one batch."), messages.ERROR)
            return None
        batch = queryset.get()
        response = HttpResponse(content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="tem-{batch.pk}.pdf"'
        print_batch(batch, response)
        return response

    @admin.action(description=_("Void the selected batches"))
    def void_action(self, request, queryset):
        try:
            voided = sum(void_batch(batch) for batch in queryset)
        except TraceError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, f"{voided} tem đã huỷ / stamps voided", messages.SUCCESS)


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ["scanned_at", "serial_text", "verdict", "latitude", "longitude"]
    list_filter = ["verdict", "stamp__batch__lot__status"]
    search_fields = ["serial_text", "lot_code", "gtin"]
    date_hierarchy = "scanned_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CounterfeitFlag)
class CounterfeitFlagAdmin(admin.ModelAdmin):
    list_display = ["raised_at", "kind", "stamp", "detail", "is_resolved"]
    list_filter = ["kind", "is_resolved"]
    readonly_fields = ["kind", "stamp", "client_hash", "detail", "raised_at"]
    actions = ["resolve_action"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark the selected signals as followed up"))
    def resolve_action(self, request, queryset):
        queryset.update(is_resolved=True)
