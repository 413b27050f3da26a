"""Forms of the producer portal. They only clean input; the services decide the rules."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import AdministrativeUnit, LegalForm, Product, ProductGroup
from catalog.validators import validate_gtin, validate_phone
from storefront.number_input import VietnameseDecimalField, VietnameseIntegerField
from traceability.models.events import BusinessStep


def communes():
    return AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True).order_by(
        "sort_name"
    )


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("Name of the cooperative, firm or household"), max_length=200)
    legal_form = forms.ChoiceField(label=_("legal form"), choices=LegalForm.choices)
    registration_number = forms.CharField(
        label=_("Business registration or tax number"), max_length=32
    )
    street_address = forms.CharField(label=_("street address"), max_length=255)
    commune = forms.ModelChoiceField(label=_("Commune / ward"), queryset=communes())
    contact_name = forms.CharField(label=_("contact person"), max_length=200)
    phone = forms.CharField(label=_("phone"), max_length=20, validators=[validate_phone])
    email = forms.EmailField(label=_("email"))
    bank_bin = forms.RegexField(
        label=_("Bank (BIN, 6 digits) for VietQR"), regex=r"^\d{6}$", required=False
    )
    bank_account = forms.RegexField(label=_("Account number"), regex=r"^\d{6,19}$", required=False)
    bank_account_name = forms.CharField(label=_("account holder"), max_length=200, required=False)
    business_registration = forms.FileField(
        label=_("Business registration (PDF or photo)"),
    )
    food_safety_certificate = forms.FileField(
        label=_("Food-safety certificate (PDF or photo)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes()


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email of the person to invite"))


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = [
            "name",
            "name_en",
            "group",
            "brand",
            "description",
            "description_en",
            "ingredients",
            "shelf_life_days",
            "storage_instructions",
            "usage_instructions",
            "quality_declaration_number",
            "quality_declaration_date",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "ingredients": forms.Textarea(attrs={"rows": 2}),
            "storage_instructions": forms.Textarea(attrs={"rows": 2}),
            "usage_instructions": forms.Textarea(attrs={"rows": 2}),
            "quality_declaration_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ProductGroup.objects.filter(parent__isnull=False).order_by(
            "code"
        )


class VariantForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    sku = forms.CharField(label=_("SKU"), max_length=64)
    gtin = forms.CharField(
        label=_("GTIN (barcode)"), max_length=14, required=False, validators=[validate_gtin]
    )
    net_quantity = VietnameseDecimalField(
        label=_("net weight or volume"), max_digits=10, decimal_places=3, required=False
    )
    unit = forms.ChoiceField(
        label=_("unit"),
        choices=[("g", "g"), ("kg", "kg"), ("ml", "ml"), ("l", "l"), ("piece", _("piece"))],
    )


class VariantEditForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    gtin = forms.CharField(
        label=_("GTIN (barcode)"), max_length=14, required=False, validators=[validate_gtin]
    )
    net_quantity = VietnameseDecimalField(
        label=_("net weight or volume"), max_digits=10, decimal_places=3, required=False
    )
    unit = forms.ChoiceField(label=_("unit"), choices=VariantForm.base_fields["unit"].choices)


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Photo (JPEG, PNG or WebP, up to 10 MB)"))
    alt = forms.CharField(label=_("Short description of the photo"), max_length=200, required=False)


class PriceForm(forms.Form):
    price = VietnameseDecimalField(
        label=_("Price (₫)"), min_value=0, max_digits=14, decimal_places=0
    )


class StockForm(forms.Form):
    quantity = VietnameseIntegerField(label=_("Counted quantity"), min_value=0)
    reason = forms.CharField(label=_("Why (e.g. new harvest, stock count)"), max_length=200)


class DossierFileForm(forms.Form):
    file = forms.FileField(label=_("File (PDF or photo, up to 10 MB)"))
    description = forms.CharField(label=_("description"), max_length=200, required=False)


class LotForm(forms.Form):
    variant = forms.ModelChoiceField(label=_("Product variant"), queryset=None)
    code = forms.CharField(label=_("lot code"), max_length=20)
    production_date = forms.DateField(
        label=_("production or harvest date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    expiry_date = forms.DateField(
        label=_("expiry date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    quantity = VietnameseDecimalField(
        label=_("quantity"), min_value=0, max_digits=12, decimal_places=3
    )
    unit = forms.ChoiceField(
        label=_("unit"),
        initial="kg",
        choices=[
            ("kg", "kg"),
            ("g", "g"),
            ("tấn", "tấn"),
            ("l", "l"),
            ("ml", "ml"),
            ("piece", _("piece")),
        ],
    )
    origin_name = forms.CharField(label=_("farm or plot"), max_length=200)
    origin_unit = forms.ModelChoiceField(label=_("commune of origin"), queryset=None)

    def __init__(self, *args, variants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["variant"].queryset = variants
        self.fields["origin_unit"].queryset = communes()


class EventForm(forms.Form):
    step = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            (value, label)
            for value, label in BusinessStep.choices
            if value != BusinessStep.RETAIL_SELLING
        ],
    )
    at = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    location = forms.CharField(label=_("Where"), max_length=200)
    description = forms.CharField(label=_("description"), max_length=500, required=False)
    evidence = forms.FileField(label=_("Photo or document (optional)"), required=False)

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at > timezone.now():
            raise forms.ValidationError(_("The time cannot be in the future."))
        return at


class StampRequestForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count"] = VietnameseIntegerField(
            label=_("Number of stamps"), min_value=1, max_value=settings.STAMPS_PER_BATCH_MAX
        )


class VoidForm(forms.Form):
    first = forms.IntegerField(label=_("From stamp number"), min_value=1, required=False)
    last = forms.IntegerField(label=_("To stamp number"), min_value=1, required=False)
    confirm = forms.BooleanField(
        label=_("I understand that voided stamps will say so when scanned")
    )


class AppliedForm(forms.Form):
    first = forms.IntegerField(label=_("From stamp number"), min_value=1, required=False)
    last = forms.IntegerField(label=_("To stamp number"), min_value=1, required=False)


class RecallForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to every buyer who scans a stamp of this lot)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that every stamp of this lot will warn buyers not to use the "
            "product, and that a recall cannot be undone"
        )
    )


class ShipForm(forms.Form):
    tracking_code = forms.CharField(label=_("Tracking code"), max_length=100, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown to the buyer)"), max_length=500)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start is after the end."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
    reason = forms.CharField(
        label=_("Reason (required to reject; sent to the applicant)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the application is rejected."))
        return data


class SheetImportForm(forms.Form):
    file = forms.FileField(label=_("CSV (UTF-8) or XLSX file"))
