from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog.admin.confirm import action_page
from catalog.errors import CatalogError
from catalog.services.documents import clean_document
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
from traceability.services.lots import recall_lot, scans_after_recall
from traceability.services.printing import print_batch
from traceability.services.stamps import void_batch


class CleanFileForm(forms.ModelForm):
    """A file uploaded in the admin is kept as any other: checked by its content, images
    without their metadata, under a random private name."""

    file_field = "file"

    def clean(self):
        data = super().clean()
        upload = data.get(self.file_field)
        if upload and not isinstance(upload, FieldFile):
            try:
                data[self.file_field] = clean_document(upload)
            except CatalogError as error:
                self.add_error(self.file_field, str(error))
        return data


class CertificationInline(admin.TabularInline):
    model = LotCertification
    form = CleanFileForm
    extra = 0


class InputInline(admin.TabularInline):
    model = InputDiaryEntry
    extra = 0


class TestReportInline(admin.TabularInline):
    model = TestReport
    form = CleanFileForm
    extra = 0


class EventInline(admin.TabularInline):
    model = TraceEvent
    fk_name = "lot"
    fields = ["event_time", "business_step", "event_type", "disposition", "business_location"]
    readonly_fields = ["event_type", "disposition"]
    extra = 0


class AfterRecallFilter(admin.SimpleListFilter):
    """Scans of a recalled lot's stamps since its recall: who may still hold the goods."""

    title = _("after the recall of lot")
    parameter_name = "recalled_lot"

    def lookups(self, request, model_admin):
        recalled = Lot.objects.filter(recalled_at__isnull=False).order_by("-recalled_at")
        return [(str(lot.pk), lot.code) for lot in recalled[:50]]

    def queryset(self, request, queryset):
        if not (self.value() or "").isdigit():
            return queryset
        lot = Lot.objects.filter(pk=self.value()).first()
        if lot is None:
            return queryset.none()
        return queryset.filter(pk__in=scans_after_recall(lot).values("pk"))


class RecallForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to every buyer who scans a stamp of these lots)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
    list_display = ["code", "variant", "production_date", "expiry_date", "status"]
    list_filter = ["status"]
    search_fields = ["code", "variant__sku", "variant__gtin", "variant__product__name"]
    raw_id_fields = ["variant"]
    autocomplete_fields = ["origin_unit"]
    readonly_fields = ["status", "recalled_at", "recall_reason", "scans_since_recall"]
    inlines = [CertificationInline, InputInline, TestReportInline, EventInline]
    actions = ["recall_action"]

    @admin.action(
        description=_("Recall the selected lots (their stamps warn on scan)"),
        permissions=["change"],
    )
    def recall_action(self, request, queryset):
        form = RecallForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            try:
                with transaction.atomic():
                    for lot in queryset:
                        recall_lot(lot, reason=form.cleaned_data["reason"])
            except TraceError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, _("Lots recalled."), messages.WARNING)
                return None
        note = _(
            "Every stamp of these lots will tell whoever scans it not to use the product. "
            "A recall cannot be undone."
        )
        return action_page(
            self, request, queryset, form, "recall_action", _("Recall lots"), note=note
        )

    @admin.display(description=_("scans since the recall"))
    def scans_since_recall(self, lot):
        if lot.recalled_at is None:
            return "–"
        changelist = reverse("admin:traceability_scan_changelist")
        url = f"{changelist}?{AfterRecallFilter.parameter_name}={lot.pk}"
        count = scans_after_recall(lot).count()
        text = ngettext("%(count)s scan", "%(count)s scans", count) % {"count": count}
        return format_html('<a href="{}">{}</a>', url, text)


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
    list_filter = [AfterRecallFilter, "verdict", "stamp__batch__lot__status"]
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
