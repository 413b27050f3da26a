"""Request-scoped batch loaders, so that a list query costs the same number of SQL
queries at any page size.

GraphQL runs synchronously here, so a loader batches by expectation: whoever resolves
a list announces the keys its children will ask for (`expect`), and the first `load`
fetches all of them in one query. Keys that were not announced are still loaded, in
a batch of their own."""

from collections import defaultdict

from django.utils import timezone

from catalog.models import (
    AdministrativeUnit,
    Producer,
    ProductGroup,
    ProductImage,
    ProductVariant,
    Rating,
)
from catalog.services.ratings import valid_certificates
from marketplace.channels.models import ProductChannelListing, VariantChannelListing
from marketplace.warehouses.models import Warehouse
from marketplace.warehouses.services import available_by_variant


class Loader:
    default = None

    def __init__(self, context, channel_slug: str | None = None):
        self.context = context
        self.channel_slug = channel_slug
        self.cache: dict = {}
        self.pending: set = set()

    def expect(self, keys) -> None:
        self.pending.update(key for key in keys if key not in self.cache)

    def load(self, key):
        if key not in self.cache:
            self.pending.add(key)
            keys, self.pending = list(self.pending), set()
            found = self.batch_load(keys) if keys else {}
            for loaded_key in keys:
                self.cache[loaded_key] = found.get(loaded_key, self.default)
        return self.cache[key]

    def batch_load(self, keys) -> dict:
        raise NotImplementedError


def _registered(context, cls, channel_slug):
    registry = context.__dict__.setdefault("_graphql_loaders", {})
    key = (cls, channel_slug)
    if key not in registry:
        registry[key] = cls(context, channel_slug)
    return registry[key]


def loader(info, cls, channel_slug: str | None = None) -> Loader:
    """The request's loader of `cls` (one per channel)."""
    return _registered(info.context, cls, channel_slug)


class CategoryByIdLoader(Loader):
    def batch_load(self, keys):
        return ProductGroup.objects.in_bulk(keys)


class ProducerByIdLoader(Loader):
    def batch_load(self, keys):
        return Producer.objects.select_related("commune").in_bulk(keys)


class UnitByIdLoader(Loader):
    def batch_load(self, keys):
        return AdministrativeUnit.objects.in_bulk(keys)


class ImagesByProductIdLoader(Loader):
    default = ()

    def batch_load(self, keys):
        images = defaultdict(list)
        for image in ProductImage.objects.filter(product_id__in=keys).order_by("sort_order", "pk"):
            images[image.product_id].append(image)
        return images


class VariantsByProductIdLoader(Loader):
    default = ()

    def batch_load(self, keys):
        variants = defaultdict(list)
        for variant in ProductVariant.objects.filter(product_id__in=keys).order_by("sku"):
            variants[variant.product_id].append(variant)
        ids = [variant.pk for found in variants.values() for variant in found]
        for dependent in (VariantPriceLoader, VariantAvailableLoader):
            _registered(self.context, dependent, self.channel_slug).expect(ids)
        return variants


class VariantPriceLoader(Loader):
    """(price, currency, VAT rate of its group) of each variant in the loader's channel."""

    def batch_load(self, keys):
        listings = VariantChannelListing.objects.filter(
            variant_id__in=keys, channel__slug=self.channel_slug
        ).values_list("variant_id", "price_amount", "currency", "variant__product__group__vat_rate")
        return {variant: (amount, currency, rate) for variant, amount, currency, rate in listings}


class ProductPricesLoader(Loader):
    """Every variant price of each product in the channel, for price ranges, with the VAT
    rate of the product's group: (amount, currency, rate)."""

    default = ()

    def batch_load(self, keys):
        prices = defaultdict(list)
        listings = VariantChannelListing.objects.filter(
            variant__product_id__in=keys, channel__slug=self.channel_slug
        ).values_list(
            "variant__product_id", "price_amount", "currency", "variant__product__group__vat_rate"
        )
        for product_id, amount, currency, rate in listings:
            prices[product_id].append((amount, currency, rate))
        return prices


class ProductListingLoader(Loader):
    def batch_load(self, keys):
        listings = ProductChannelListing.objects.filter(
            product_id__in=keys, channel__slug=self.channel_slug
        )
        return {listing.product_id: listing for listing in listings}


class VariantAvailableLoader(Loader):
    """Units not yet allocated in the warehouses serving the channel."""

    default = 0

    def batch_load(self, keys):
        warehouses = Warehouse.objects.filter(channels__slug=self.channel_slug)
        return available_by_variant(keys, warehouses)


class CurrentCertificateLoader(Loader):
    def batch_load(self, keys):
        found = {}
        certificates = valid_certificates(timezone.localdate()).filter(product_id__in=keys)
        for rating in certificates.select_related("rule_set").order_by("product_id", "-valid_from"):
            found.setdefault(rating.product_id, rating)
        return found


class RatingHistoryLoader(Loader):
    default = ()

    def batch_load(self, keys):
        history = defaultdict(list)
        # certificates only: proposals, and those forwarded to a higher council, are not
        ratings = Rating.objects.filter(product_id__in=keys).exclude(
            status__in=["proposed", "forwarded"]
        )
        for rating in ratings.select_related("rule_set").order_by("product_id", "-decision_date"):
            history[rating.product_id].append(rating)
        return history
