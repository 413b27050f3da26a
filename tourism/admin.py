from django.contrib import admin

from catalog.models import SlugKind
from catalog.services.slugs import RemembersFormerSlug
from tourism.models import ProductDisplay, TourismPoint, TourismPointPhoto


class PhotoInline(admin.TabularInline):
    model = TourismPointPhoto
    extra = 0


class DisplayInline(admin.TabularInline):
    model = ProductDisplay
    extra = 0
    autocomplete_fields = ["product"]


@admin.register(TourismPoint)
class TourismPointAdmin(RemembersFormerSlug, admin.ModelAdmin):
    slug_kind = SlugKind.POINT
    list_display = ["name", "kind", "status", "opened_on", "commune"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "name_en", "street_address"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["commune"]
    raw_id_fields = ["channel", "warehouse"]
    inlines = [PhotoInline, DisplayInline]
