from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from catalog.models import Producer, Product, SlugKind
from catalog.services.slugs import RemembersFormerSlug


class ProductInline(admin.TabularInline):
    model = Product
    fields = ["name", "group", "is_archived"]
    show_change_link = True
    extra = 0


class DistrictFilter(admin.SimpleListFilter):
    """Producers by the district of their commune (2023 units keep their 2023 district)."""

    title = _("district")
    parameter_name = "district"

    def lookups(self, request, model_admin):
        from catalog.models import AdministrativeUnit

        return [
            (unit.pk, str(unit))
            for unit in AdministrativeUnit.objects.filter(level="district").order_by("sort_name")
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(commune__parent_id=self.value())
        return queryset


@admin.register(Producer)
class ProducerAdmin(RemembersFormerSlug, admin.ModelAdmin):
    list_display = ["name", "legal_form", "commune", "status", "phone"]
    list_filter = [
        "status",
        "legal_form",
        DistrictFilter,
        ("commune", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "sort_name", "registration_number", "phone", "email"]
    autocomplete_fields = ["commune"]
    prepopulated_fields = {"slug": ["name"]}
    slug_kind = SlugKind.PRODUCER
    inlines = [ProductInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "legal_form", "registration_number", "status"]}),
        (_("Address"), {"fields": ["street_address", "commune"]}),
        (_("Contacts"), {"fields": ["contact_name", "phone", "email", "website"]}),
        (
            _("Bank account for VietQR"),
            {"fields": ["bank_bin", "bank_account", "bank_account_name"]},
        ),
        (_("Story"), {"fields": ["story"]}),
    ]
