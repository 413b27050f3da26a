from django.contrib import admin

from marketplace.pages.models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_published"]
    list_filter = ["is_published"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "title_en", "slug"]
