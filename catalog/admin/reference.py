from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import (
    AdministrativeUnit,
    CouncilLevelRule,
    LegacyProductSet,
    ProductGroup,
    RuleSet,
    StarBand,
)


class ValidNowFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "valid"

    def lookups(self, request, model_admin):
        return [("now", _("valid today")), ("past", _("no longer valid"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "now":
            return queryset.filter(valid_from__lte=today).exclude(valid_to__lt=today)
        if self.value() == "past":
            return queryset.filter(valid_to__lt=today)
        return queryset


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "code", "parent", "valid_from", "valid_to"]
    list_filter = ["level", ValidNowFilter]
    search_fields = ["name", "code", "sort_name"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["successors"]
    ordering = ["level", "sort_name"]


class SubgroupInline(admin.TabularInline):
    model = ProductGroup
    fields = ["code", "name", "name_en", "examples"]
    extra = 0


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "parent", "vat_rate"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name", "name_en"]
    inlines = [SubgroupInline]


@admin.register(LegacyProductSet)
class LegacyProductSetAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "name_en", "sets_into"]
    search_fields = ["name", "name_en"]
    filter_horizontal = ["maps_to"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("maps_to")

    @admin.display(description=_("Decision 148 sub-groups"))
    def sets_into(self, legacy):
        return ", ".join(group.code for group in legacy.maps_to.all())


class StarBandInline(admin.TabularInline):
    model = StarBand
    extra = 0


class CouncilLevelRuleInline(admin.TabularInline):
    model = CouncilLevelRule
    extra = 0


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = [
        "decision_number",
        "decision_date",
        "applies_from",
        "applies_to",
        "weight_a",
        "weight_b",
        "weight_c",
        "validity_months",
    ]
    inlines = [StarBandInline, CouncilLevelRuleInline]
