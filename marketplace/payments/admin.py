from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from marketplace.errors import CommerceError
from marketplace.payments.models import BankTransfer, Payment, PaymentEvent, Refund
from marketplace.payments.reconciliation import reconcile

MAX_STATEMENT_BYTES = 2 * 1024 * 1024


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    fields = ["created_at", "type", "amount", "psp_reference", "detail"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["order", "gateway", "status", "amount", "captured_amount", "refunded_amount"]
    list_filter = ["gateway", "status"]
    search_fields = ["psp_reference", "=order__id"]
    readonly_fields = [
        f.name for f in Payment._meta.fields if f.name not in {"client_secret", "idempotency_key"}
    ]
    exclude = ["client_secret", "idempotency_key"]
    inlines = [PaymentEventInline]

    def has_add_permission(self, request):
        return False


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ["order", "amount", "reason", "created_at"]
    readonly_fields = ["order", "payment", "amount", "reason", "psp_reference", "created_by"]

    def has_add_permission(self, request):
        return False


class StatementForm(forms.Form):
    statement = forms.FileField(
        label=_("bank statement (CSV: reference,date,amount,note)"),
    )
    number_format = forms.ChoiceField(
        label=_("how the bank writes amounts"),
        choices=[("vi", "1.234.567,00"), ("en", "1,234,567.00")],
        initial="vi",
        required=False,
    )

    def clean_statement(self):
        upload = self.cleaned_data["statement"]
        if upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(
                "Tệp quá lớn (tối đa 2 MB) / The file is too large (2 MB at most)."
            )
        return upload


@admin.register(BankTransfer)
class BankTransferAdmin(admin.ModelAdmin):
    list_display = ["reference", "booked_on", "amount", "note", "outcome", "payment"]
    list_filter = ["outcome"]
    search_fields = ["reference", "note"]
    readonly_fields = ["reference", "booked_on", "amount", "note", "payment", "outcome"]
    change_list_template = "admin/payments/banktransfer/change_list.html"

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("upload/", upload, name="payments_banktransfer_upload"), *super().get_urls()]

    def upload_view(self, request):
        if not self.has_view_permission(request) or not request.user.has_perm(
            "payments.change_payment"
        ):
            return redirect("admin:index")
        form = StatementForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                statement = form.cleaned_data["statement"].read()
                created = reconcile(statement, form.cleaned_data["number_format"] or "vi")
            except CommerceError as error:
                form.add_error("statement", str(error))
            else:
                matched = sum(1 for transfer in created if transfer.outcome == "matched")
                self.message_user(
                    request,
                    f"{len(created)} giao dịch mới, {matched} đơn đã thanh toán / "
                    f"{len(created)} new transfers, {matched} orders paid.",
                    messages.SUCCESS,
                )
                return redirect("admin:payments_banktransfer_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reconcile VietQR transfers"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/payments/banktransfer/upload.html", context)
