from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.models import (
    DossierFile,
    DossierItem,
    Product,
    ProductImage,
    ProductVariant,
    SlugKind,
    filed_under,
)
from catalog.services.ratings import current_stars_subquery
from catalog.services.slugs import RemembersFormerSlug


def with_current_stars(queryset):
    """Annotate each product with the star of its latest certificate valid today."""
    return queryset.annotate(current_stars=current_stars_subquery(timezone.localdate()))


class CurrentStarsFilter(admin.SimpleListFilter):
    title = _("current stars")
    parameter_name = "stars"

    def lookups(self, request, model_admin):
        return [("5", "★★★★★"), ("4", "★★★★"), ("3", "★★★"), ("none", _("not certified"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(current_stars__isnull=True)
        if self.value():
            return queryset.filter(current_stars=int(self.value()))
        return queryset


class TopGroupFilter(admin.SimpleListFilter):
    title = _("OCOP group")
    parameter_name = "group"

    def lookups(self, request, model_admin):
        from catalog.models import ProductGroup

        return [(g.code, str(g)) for g in ProductGroup.objects.filter(parent__isnull=True)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(filed_under("code", self.value()))
        return queryset


class AreaFilter(admin.SimpleListFilter):
    title = _("administrative unit")
    parameter_name = "area"

    def lookups(self, request, model_admin):
        from catalog.models import AdministrativeUnit

        communes = AdministrativeUnit.objects.filter(producers__isnull=False).distinct()
        return [(unit.pk, f"{unit} ({unit.parent})") for unit in communes.order_by("sort_name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(producer__commune_id=self.value())
        return queryset


class VariantForm(forms.ModelForm):
    class Meta:
        model = ProductVariant
        fields = ["name", "sku", "gtin", "net_quantity", "unit"]

    def clean_gtin(self):
        gtin = self.cleaned_data.get("gtin")
        stored = getattr(self.instance, "_stored_gtin", None)
        if stored and gtin != stored:
            raise forms.ValidationError(str(CatalogError(CatalogErrorCode.GTIN_LOCKED, "gtin")))
        return gtin


class VariantInline(admin.TabularInline):
    model = ProductVariant
    form = VariantForm
    fields = ["name", "sku", "gtin", "net_quantity", "unit"]
    extra = 0


class ImageInline(admin.TabularInline):
    model = ProductImage
    fields = ["image", "alt", "sort_order"]
    extra = 0


@admin.register(Product)
class ProductAdmin(RemembersFormerSlug, admin.ModelAdmin):
    slug_kind = SlugKind.PRODUCT
    list_display = ["name", "producer", "group_code", "stars_display", "is_archived"]
    list_filter = [CurrentStarsFilter, TopGroupFilter, AreaFilter, "is_archived"]
    search_fields = ["name", "name_en", "sort_name", "variants__sku", "variants__gtin"]
    autocomplete_fields = ["producer"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [VariantInline, ImageInline]
    list_select_related = ["producer", "group"]

    def get_queryset(self, request):
        return with_current_stars(super().get_queryset(request))

    @admin.display(description=_("OCOP sub-group"), ordering="group__code")
    def group_code(self, product):
        # the code with a short name: a full sub-group name (up to 100 characters)
        # would push the list off the right of the screen
        return format_html(
            '<span title="{}">{} {}</span>',
            product.group.name,
            product.group.code,
            Truncator(product.group.name).chars(28),
        )

    @admin.display(description=_("current stars"), ordering="current_stars")
    def stars_display(self, product):
        return "★" * product.current_stars if product.current_stars else "—"


class DossierFileInline(admin.TabularInline):
    model = DossierFile
    fields = ["file", "description", "uploaded_at"]
    readonly_fields = ["uploaded_at"]
    extra = 0


@admin.register(DossierItem)
class DossierItemAdmin(admin.ModelAdmin):
    list_display = ["product", "kind", "review_status", "reviewed_at"]
    list_filter = ["review_status", "kind"]
    search_fields = ["product__name", "product__sort_name"]
    autocomplete_fields = ["product"]
    readonly_fields = ["reviewed_by", "reviewed_at"]
    inlines = [DossierFileInline]

    def save_model(self, request, obj, form, change):
        if "review_status" in form.changed_data:
            obj.reviewed_by = request.user
            obj.reviewed_at = timezone.now()
        super().save_model(request, obj, form, change)
