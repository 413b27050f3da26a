from django.contrib import admin

from marketplace.channels.models import Channel, ProductChannelListing, VariantChannelListing


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "currency", "is_active"]
    list_filter = ["kind", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProductChannelListing)
class ProductChannelListingAdmin(admin.ModelAdmin):
    list_display = ["product", "channel", "is_published", "visible_in_listings"]
    list_filter = ["channel", "is_published"]
    search_fields = ["product__name", "product__sort_name"]
    autocomplete_fields = ["product"]


@admin.register(VariantChannelListing)
class VariantChannelListingAdmin(admin.ModelAdmin):
    list_display = ["variant", "channel", "price_amount", "currency"]
    list_filter = ["channel"]
    search_fields = ["variant__sku", "variant__product__name"]
    raw_id_fields = ["variant"]
