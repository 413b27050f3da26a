"""Forms of the shop: listing filters (read from the URL) and the checkout address."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.services.administrative_units import units_valid_on
from marketplace.money import format_money

SORTS = [
    ("", _("Best match")),
    ("stars", _("Stars, most first")),
    ("price", _("Price, lowest first")),
    ("-price", _("Price, highest first")),
    ("newest", _("Newest")),
    ("name", _("Name (A–Z)")),
]
PRICE_LABELS = {"price_min": _("From %(price)s"), "price_max": _("Up to %(price)s")}
STAR_CHOICES = [("", _("Any")), ("3", "3★+"), ("4", "4★+"), ("5", "5★")]


class ListingFilters(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    stars = forms.ChoiceField(label=_("Minimum stars"), required=False, choices=STAR_CHOICES)
    group = forms.ChoiceField(label=_("OCOP group"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    producer = forms.ChoiceField(label=_("Producer"), required=False)
    price_min = forms.IntegerField(label=_("Price from (₫)"), required=False, min_value=0)
    price_max = forms.IntegerField(label=_("Price to (₫)"), required=False, min_value=0)
    in_stock = forms.BooleanField(label=_("In stock only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, data, facets: dict, english: bool):
        super().__init__(data)
        self.fields["group"].choices = [("", _("All groups"))] + [
            (
                code,
                f"{code}. {name_en if english else name}"
                if top
                else f"— {code}. {name_en if english else name}",
            )
            for code, name, name_en, top in facets["groups"]
        ]
        self.fields["area"].choices = [("", _("All areas")), *facets["areas"]]
        self.fields["producer"].choices = [("", _("All producers")), *facets["producers"]]

    def chips(self) -> list[dict]:
        """The filters in force, each with its label and the query string without it
        (and without the page): the listing shows them as chips that remove one filter."""
        self.is_valid()
        chips = []
        for name, field in self.fields.items():
            value = self.data.get(name, "")
            if not value or name in self.errors:
                continue
            if isinstance(field, forms.ChoiceField):
                label = dict(field.choices).get(value)
                if label is None:
                    continue
                label = str(label).removeprefix("— ")
            elif name in ("price_min", "price_max"):
                label = PRICE_LABELS[name] % {"price": format_money(Decimal(value), "VND")}
            elif name == "q":
                label = f"“{value}”"
            else:
                label = field.label
            rest = self.data.copy()
            for key in (name, "page"):
                rest.pop(key, None)
            chips.append({"label": label, "query": rest.urlencode()})
        return chips

    def clean(self):
        data = super().clean()
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The upper price must not be below the lower one."))
        return data


def commune_choices() -> list:
    """Current communes grouped by province, for one select that needs no script."""
    today = timezone.localdate()
    provinces = {unit.pk: unit for unit in units_valid_on(today, "province")}
    districts = dict(units_valid_on(today, "district").values_list("pk", "parent_id"))
    grouped: dict[int, list] = {}
    for commune in units_valid_on(today, "commune").order_by("sort_name"):
        province_id = districts.get(commune.parent_id, commune.parent_id)
        if province_id in provinces:
            grouped.setdefault(province_id, []).append((commune.code, str(commune)))
    return [("", _("Choose your commune or ward"))] + [
        (str(provinces[pk]), communes)
        for pk, communes in sorted(grouped.items(), key=lambda item: provinces[item[0]].sort_name)
    ]


class AddressForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=20)
    email = forms.EmailField(label=_("Email (for the receipt)"), required=False)
    street_address = forms.CharField(label=_("House number, street, hamlet"), max_length=255)
    commune_code = forms.ChoiceField(label=_("Commune / ward"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune_code"].choices = commune_choices()
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["street_address"].widget.attrs["autocomplete"] = "street-address"
