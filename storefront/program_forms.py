"""Forms of the programme pages: period and area filters, report period, sales import."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import AdministrativeUnit
from marketplace.channels.models import ChannelKind
from program.models import Plan
from program.services.periods import KINDS
from program.services.scope import MAX_DAYS, area_units, assigned_area

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def area_choices(user):
    """Units the user may pick: inside their own area, or every province and district."""
    units = AdministrativeUnit.objects.order_by("level", "sort_name")
    own = assigned_area(user)
    if own is not None:
        units = units.filter(pk__in=area_units(own))
    else:
        units = units.exclude(level="commune")
    return [("", _("Whole programme") if own is None else str(own))] + [
        (unit.pk, f"{unit} ({unit.valid_from.year}–{unit.valid_to.year if unit.valid_to else ''})")
        for unit in units
    ]


def plan_period(plan) -> tuple[date, date]:
    """A plan's year (to today while it runs); without a plan, this year so far."""
    today = timezone.localdate()
    year = plan.year if plan else today.year
    end = date(year, 12, 31)
    return date(year, 1, 1), min(end, today) if year == today.year else end


class AreaMixin:
    def area_unit(self):
        pk = self.cleaned_data.get("area")
        return AdministrativeUnit.objects.filter(pk=pk).first() if pk else None


class DashboardFilters(AreaMixin, forms.Form):
    """Period, area and plan. On a first visit the newest plan is chosen and the period is
    its year; a chosen plan with no dates gives its year; "(none)" shows no plan and the
    current year so far."""

    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    area = forms.TypedChoiceField(label=_("Area"), required=False, coerce=int, empty_value=None)
    plan = forms.ModelChoiceField(
        label=_("Plan"), queryset=Plan.objects.none(), required=False, empty_label=_("(none)")
    )

    def __init__(self, data, *, user, plans):
        values = data.dict()
        if "plan" not in values:  # a first visit: the newest plan the reader may see
            newest = plans.order_by("-year").first()
            values["plan"] = str(newest.pk) if newest else ""
        super().__init__(values)
        self.fields["area"].choices = area_choices(user)
        self.fields["plan"].queryset = plans

    def clean(self):
        data = super().clean()
        if self.has_error("start") or self.has_error("end") or self.has_error("plan"):
            return data
        if not data.get("start") and not data.get("end"):
            data["start"], data["end"] = plan_period(data.get("plan"))
            # the fields show the period used
            self.data["start"], self.data["end"] = (
                data["start"].isoformat(),
                data["end"].isoformat(),
            )
        elif not data.get("start") or not data.get("end"):
            raise forms.ValidationError(_("Give both dates, or neither to use the plan's year."))
        if data["start"] > data["end"]:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        if (data["end"] - data["start"]).days > MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most ten years."))
        return data


class LedgerFilters(DashboardFilters):
    producer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    product = forms.IntegerField(required=False, widget=forms.HiddenInput)
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    channel_kind = forms.ChoiceField(
        label=_("Channel kind"),
        required=False,
        choices=[("", _("All channels")), *ChannelKind.choices],
    )


class ReportForm(AreaMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (kind, label)
            for kind, label in zip(KINDS, (_("Month"), _("Quarter"), _("Year")), strict=True)
        ],
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label=_("Month or quarter number"), min_value=1, max_value=12, initial=1
    )
    area = forms.TypedChoiceField(label=_("Area"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = area_choices(user)

    def clean(self):
        data = super().clean()
        limit = {"month": 12, "quarter": 4, "year": 12}.get(data.get("kind"), 12)
        if data.get("number") and data["number"] > limit:
            self.add_error("number", _("A year has four quarters."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Sales file (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload
