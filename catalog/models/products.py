"""Products, their variants (each with its own GTIN) and images."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.gtin import display_gtin, normalise_gtin
from catalog.search import products_changed
from catalog.search.base import document_text
from catalog.text import sort_key
from catalog.validators import validate_gtin


class GTINField(models.CharField):
    """A GTIN-8/12/13/14 validated by its check digit and stored as 14 digits."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 14)
        kwargs.setdefault("validators", [validate_gtin])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        if kwargs.get("max_length") == 14:
            kwargs.pop("max_length")
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value:
            value = normalise_gtin(value)
            setattr(model_instance, self.attname, value)
        return value


class MeasureUnit(models.TextChoices):
    GRAM = "g", _("gram")
    KILOGRAM = "kg", _("kilogram")
    MILLILITRE = "ml", _("millilitre")
    LITRE = "l", _("litre")
    PIECE = "piece", _("piece")


class Product(models.Model):
    producer = models.ForeignKey(
        "catalog.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    group = models.ForeignKey(
        "catalog.ProductGroup",
        verbose_name=_("OCOP sub-group"),
        on_delete=models.PROTECT,
        related_name="products",
        limit_choices_to={"parent__isnull": False},
    )
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    brand = models.CharField(
        _("brand (trademark)"),
        max_length=120,
        blank=True,
        help_text=_("As on the label; empty: the producer's name is the brand."),
    )
    shelf_life_days = models.PositiveIntegerField(_("shelf life (days)"), null=True, blank=True)
    ingredients = models.TextField(_("ingredients"), blank=True)
    storage_instructions = models.TextField(_("storage instructions"), blank=True)
    usage_instructions = models.TextField(_("instructions for use"), blank=True)
    quality_declaration_number = models.CharField(
        _("quality declaration number"), max_length=64, blank=True
    )
    quality_declaration_date = models.DateField(
        _("quality declaration date"), null=True, blank=True
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sort_name = models.CharField(max_length=400, editable=False, db_index=True, db_collation="C")
    # Names, producer and group folded (no case, no diacritics): what search matches.
    search_text = models.TextField(editable=False, default="")
    # Kept by PostgreSQL, so matching rows never recompute their vector.
    search_vector = models.GeneratedField(
        expression=SearchVector("search_text", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["sort_name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="product_search_vector"),
            GinIndex(
                fields=["search_text"], name="product_search_trigram", opclasses=["gin_trgm_ops"]
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = sort_key(self.name)
        self.search_text = document_text(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name", "search_text"}
        super().save(*args, **kwargs)
        products_changed([self.pk])

    @property
    def brand_name(self) -> str:
        """The brand a label and the traceability page show (TT 02/2024)."""
        return self.brand or self.producer.name


class ProductVariant(models.Model):
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="variants"
    )
    name = models.CharField(_("name"), max_length=200)
    sku = models.CharField(_("SKU"), max_length=64, unique=True)
    gtin = GTINField(_("GTIN"), unique=True, null=True, blank=True)
    net_quantity = models.DecimalField(
        _("net weight or volume"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(
        _("unit"), max_length=8, choices=MeasureUnit.choices, default=MeasureUnit.GRAM
    )
    weight_grams = models.PositiveIntegerField(
        _("shipping weight (g)"),
        null=True,
        blank=True,
        help_text=_("Packed weight for delivery rates; empty means the net quantity."),
    )

    class Meta:
        verbose_name = _("product variant")
        verbose_name_plural = _("product variants")
        ordering = ["product", "sku"]

    def __str__(self):
        return f"{self.product.name} – {self.name}"

    def save(self, *args, **kwargs):
        """A GTIN, once given, is never changed or removed, by any entry point (portal,
        GraphQL, admin, import): stamps and lots carry it, and a changed GTIN would turn
        genuine stamps into "not issued by the programme"."""
        stored = getattr(self, "_stored_gtin", None)
        if stored and self.gtin != stored:
            raise CatalogError(CatalogErrorCode.GTIN_LOCKED, "gtin", value=self.gtin)
        super().save(*args, **kwargs)
        self._stored_gtin = self.gtin

    @classmethod
    def from_db(cls, db, field_names, values):
        variant = super().from_db(db, field_names, values)
        variant._stored_gtin = variant.__dict__.get("gtin")
        return variant

    @property
    def shipping_weight_grams(self) -> int:
        """Packed weight, else the net quantity read as grams (1 ml of liquid ≈ 1 g)."""
        if self.weight_grams is not None:
            return self.weight_grams
        factor = {"g": 1, "ml": 1, "kg": 1000, "l": 1000}.get(self.unit)
        if factor is None or self.net_quantity is None:
            return 0
        return int(self.net_quantity * factor)

    @property
    def gtin_display(self) -> str:
        return display_gtin(self.gtin) if self.gtin else ""


class ProductImage(models.Model):
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(_("image"), upload_to="products/%Y/%m/")
    alt = models.CharField(_("alternative text"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Resized copies made on upload: [{"width", "height", "format", "name"}, ...].
    renditions = models.JSONField(default=list, editable=False)

    class Meta:
        verbose_name = _("product image")
        verbose_name_plural = _("product images")
        ordering = ["product", "sort_order", "pk"]

    def __str__(self):
        return self.alt or self.image.name
