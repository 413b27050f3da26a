"""Listings: products and variants, photos, the dossier, and the rating history."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.errors import CatalogError
from catalog.models import DossierFile, DossierItem, Product, ProductImage, ProductVariant
from catalog.services.documents import add_dossier_file
from catalog.services.images import add_product_image
from catalog.services.products import add_variant, ensure_dossier, update_variant
from catalog.services.slugs import free_slug
from catalog.text import unaccent
from marketplace.channels.models import Channel
from marketplace.channels.services import publish_product
from marketplace.warehouses.models import Stock, StockAdjustment, Warehouse
from marketplace.warehouses.services import available_by_variant, open_warehouse
from storefront.producer_forms import (
    DossierFileForm,
    ImageForm,
    ProductForm,
    VariantEditForm,
    VariantForm,
)
from storefront.views.producer.errors import message, show_error
from storefront.views.producer.listing_rows import listing_rows
from storefront.views.producer.scope import get_owned, owned, portal_view
from storefront.views.producer.variant_rows import attach_rows
from storefront.views.redirects import safe_next

PER_PAGE = 20


SORTS = {
    "name": ("sort_name",),
    "-name": ("-sort_name",),
    "price": (F("price").asc(nulls_last=True), "sort_name"),
    "-price": (F("price").desc(nulls_last=True), "sort_name"),
    "stock": ("available", "sort_name"),
    "-stock": ("-available", "sort_name"),
    "stars": (F("stars").asc(nulls_first=True), "sort_name"),
    "-stars": (F("stars").desc(nulls_last=True), "sort_name"),
}


@portal_view
def product_list(request, producer):
    """The producer's products with photo, shop price, sellable stock, stars and listing
    state, sortable by each."""
    archived = request.GET.get("archived") == "1"
    sort = request.GET.get("sort", "name")
    sort = sort if sort in SORTS else "name"
    products = listing_rows(owned(Product, producer).filter(is_archived=archived))
    query = request.GET.get("q", "").strip()[:100]
    if query:
        products = products.filter(search_text__icontains=unaccent(query).casefold())
    page = Paginator(products.order_by(*SORTS[sort]), PER_PAGE).get_page(request.GET.get("page"))
    columns = [
        ("name", _("Product")),
        ("price", _("Price")),
        ("stock", _("Can be sold")),
        ("stars", _("Stars")),
    ]
    context = {"page": page, "archived": archived, "q": query, "sort": sort, "columns": columns}
    return render(request, "storefront/producer/products.html", context)


@portal_view
def product_new(request, producer):
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            product = form.save(commit=False)
            product.producer = producer
            product.slug = free_slug(Product, product.name, "san-pham")
            product.save()
            ensure_dossier(product)
        messages.success(request, _("Product created. Add a variant, a photo and a price."))
        return redirect("producer-product", product.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "storefront/producer/product_new.html", {"form": form}, status=status)


@portal_view
def product_edit(request, producer, product_id):
    product = get_owned(Product, producer, pk=product_id)
    form = ProductForm(request.POST or None, instance=product)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("producer-product", product.pk)
    saved = {"saved": request.GET.get("saved", "")}
    return render(
        request,
        "storefront/producer/product.html",
        product_context(producer, product, form, typed=saved),
        status=400 if form.is_bound and form.errors else 200,
    )


def product_context(producer, product, form=None, **forms) -> dict:
    variants = list(
        product.variants.prefetch_related(
            "channel_listings__channel", "stocks__warehouse"
        ).order_by("sku")
    )
    channels = list(Channel.objects.filter(is_active=True).order_by("name"))
    listings = {listing.channel_id: listing for listing in product.channel_listings.all()}
    warehouses = list(producer.warehouses.order_by("name"))
    attach_rows(variants, channels, warehouses, forms.get("typed") or {})
    shop = Warehouse.objects.filter(channels__slug=settings.STOREFRONT_CHANNEL)
    in_shop = available_by_variant([variant.pk for variant in variants], shop)
    for variant in variants:
        variant.shop_available = in_shop.get(variant.pk, 0)
    return {
        "product": product,
        "form": form or ProductForm(instance=product),
        "variants": variants,
        "variant_form": forms.get("variant_form") or VariantForm(),
        "image_form": forms.get("image_form") or ImageForm(),
        "images": product.images.order_by("sort_order", "pk"),
        "channels": [(channel, listings.get(channel.pk)) for channel in channels],
        "warehouses": warehouses,
        "dossier": product.dossier_items.prefetch_related("files").order_by("kind"),
        "ratings": product.ratings.select_related("rule_set").order_by("-created_at"),
        "units": VariantForm.base_fields["unit"].choices,
        "dossier_form": DossierFileForm(),
    }


@require_POST
@portal_view
def product_archive(request, producer, product_id):
    product = get_owned(Product, producer, pk=product_id)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm."))
        return redirect("producer-product", product.pk)
    product.is_archived = request.POST.get("archive") == "1"
    product.save(update_fields=["is_archived"])
    messages.success(
        request,
        _("Archived: it is no longer sold.") if product.is_archived else _("Back on sale."),
    )
    return redirect("producer-product", product.pk)


@require_POST
@portal_view
def variant_new(request, producer, product_id):
    product = get_owned(Product, producer, pk=product_id)
    form = VariantForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            add_variant(
                product,
                sku=data["sku"],
                name=data["name"],
                gtin=data["gtin"],
                net_quantity=data["net_quantity"],
                unit=data["unit"],
            )
        except CatalogError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Variant added."))
            return redirect("producer-product", product.pk)
    context = product_context(producer, product, variant_form=form)
    return render(request, "storefront/producer/product.html", context, status=400)


@require_POST
@portal_view
def variant_edit(request, producer, variant_id):
    """Rename a variant or correct its net quantity; a GTIN can be added once, never
    changed (stamps and lots carry it)."""
    variant = get_owned(ProductVariant, producer, pk=variant_id)
    form = VariantEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the variant's name and quantity."))
        return redirect("producer-product", variant.product_id)
    data = form.cleaned_data
    try:
        update_variant(
            variant,
            name=data["name"],
            net_quantity=data["net_quantity"],
            unit=data["unit"],
            gtin=data["gtin"],
        )
    except CatalogError as error:
        messages.error(request, message(error))
    else:
        messages.success(request, _("Variant saved."))
    return redirect("producer-product", variant.product_id)


@require_POST
@portal_view
def image_upload(request, producer, product_id):
    product = get_owned(Product, producer, pk=product_id)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["image"]
        try:
            add_product_image(product, upload.read(), alt=form.cleaned_data["alt"])
        except CatalogError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Photo added (location and camera data removed)."))
            return redirect("producer-product", product.pk)
    context = product_context(producer, product, image_form=form)
    return render(request, "storefront/producer/product.html", context, status=400)


@require_POST
@portal_view
def image_delete(request, producer, image_id):
    image = get_owned(ProductImage, producer, pk=image_id)
    product_id = image.product_id
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Confirm that the photo should be deleted."))
        return redirect("producer-product", product_id)
    image.image.delete(save=False)
    image.delete()
    messages.success(request, _("Photo deleted."))
    return redirect("producer-product", product_id)


@require_POST
@portal_view
def dossier_upload(request, producer, item_id):
    item = get_owned(DossierItem, producer, pk=item_id)
    form = DossierFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_dossier_file(
                item, form.cleaned_data["file"], description=form.cleaned_data["description"]
            )
        except CatalogError as error:
            messages.error(request, message(error))
        else:
            messages.success(request, _("File added; the programme office will review it."))
    else:
        messages.error(request, _("Choose a file to upload."))
    return redirect("producer-product", item.product_id)


@portal_view
def dossier_file(request, producer, file_id):
    record = get_owned(DossierFile, producer, pk=file_id)
    return FileResponse(record.file.open("rb"), as_attachment=True)


@require_POST
@portal_view
def product_publish(request, producer, product_id, channel_id):
    product = get_owned(Product, producer, pk=product_id)
    channel = Channel.objects.filter(is_active=True, pk=channel_id).first()
    if channel is not None:
        publish = request.POST.get("publish") == "1"
        publish_product(product, channel, is_published=publish)
        messages.success(
            request,
            _("Published in %(channel)s.") % {"channel": channel.name}
            if publish
            else _("Hidden in %(channel)s.") % {"channel": channel.name},
        )
    return redirect("producer-product", product.pk)


@portal_view
def stock_history(request, producer, variant_id):
    variant = get_owned(ProductVariant, producer, pk=variant_id)
    stocks = owned(Stock, producer).filter(variant=variant)
    adjustments = (
        StockAdjustment.objects.filter(stock__in=stocks)
        .select_related("stock__warehouse", "user", "order_line")
        .order_by("-created_at")
    )
    page = Paginator(adjustments, 50).get_page(request.GET.get("page"))
    return render(
        request, "storefront/producer/stock_history.html", {"variant": variant, "page": page}
    )


@require_POST
@portal_view
def warehouse_new(request, producer):
    """The producer's first warehouse, at its own address, serving the shop."""
    if not producer.warehouses.exists():
        open_warehouse(
            producer, channel=Channel.objects.filter(slug=settings.STOREFRONT_CHANNEL).first()
        )
        messages.success(request, _("Warehouse created; you can now record stock."))
    return safe_next(request, "producer-products")
