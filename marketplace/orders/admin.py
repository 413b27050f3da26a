from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from marketplace.errors import CommerceError
from marketplace.orders import services
from marketplace.orders.models import CommissionRule, Order, OrderLine, ProducerOrder
from marketplace.payments.refunds import refund_lines


class ProducerOrderInline(admin.TabularInline):
    model = ProducerOrder
    fields = [
        "producer",
        "status",
        "delivery_name",
        "subtotal",
        "delivery_price",
        "total",
        "tracking_code",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    fields = [
        "product_name",
        "variant_name",
        "sku",
        "producer_name",
        "quantity",
        "unit_price",
        "total",
        "commission_rate",
        "quantity_refunded",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Orders change only through the services: cancel here, ship from the sub-orders."""

    list_display = [
        "order_code",
        "created_at",
        "status",
        "charge_status",
        "total",
        "email",
        "phone",
    ]
    list_filter = ["status", "charge_status", "channel"]

    @admin.display(description=_("order code"), ordering="pk")
    def order_code(self, order):
        return order.code

    search_fields = ["=id", "email", "phone"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "channel",
        "user",
        "email",
        "phone",
        "shipping_address",
        "status",
        "charge_status",
        "currency",
        "subtotal",
        "delivery_total",
        "total",
        "total_charged",
        "total_refunded",
        "paid_at",
    ]
    exclude = ["billing_address"]
    inlines = [ProducerOrderInline, OrderLineInline]
    actions = ["cancel_action", "refund_action"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Refund the selected orders in full (card refunds go to Stripe)"))
    def refund_action(self, request, queryset):
        for order in queryset:
            quantities = {
                line.pk: line.quantity - line.quantity_refunded
                for line in order.lines.all()
                if line.quantity > line.quantity_refunded
            }
            try:
                refund_lines(
                    order,
                    quantities,
                    reason="Hoàn tiền bởi văn phòng chương trình",
                    user=request.user,
                )
            except CommerceError as error:
                self.message_user(request, f"{order}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{order}: refunded", messages.SUCCESS)

    @admin.action(description=_("Cancel the selected orders (releases stock)"))
    def cancel_action(self, request, queryset):
        for order in queryset:
            try:
                services.cancel_order(
                    order, reason="Huỷ bởi văn phòng chương trình", user=request.user
                )
            except CommerceError as error:
                self.message_user(request, f"{order}: {error}", messages.ERROR)


@admin.register(ProducerOrder)
class ProducerOrderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "producer", "status", "total", "tracking_code"]
    list_filter = ["status", "delivery_method"]
    search_fields = ["producer__name", "tracking_code", "=order__id"]
    readonly_fields = [f.name for f in ProducerOrder._meta.fields]
    actions = ["deliver_action"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Record delivery (cash on delivery is then paid)"))
    def deliver_action(self, request, queryset):
        for sub_order in queryset:
            try:
                services.mark_delivered(sub_order, user=request.user)
            except CommerceError as error:
                self.message_user(request, f"{sub_order}: {error}", messages.ERROR)


@admin.register(CommissionRule)
class CommissionRuleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "producer", "product_group", "rate"]
    autocomplete_fields = ["producer"]
