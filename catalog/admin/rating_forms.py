"""Forms behind the rating admin: member scores checked against the rule set, and actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.errors import CatalogError
from catalog.models import Rating
from catalog.services.ratings import MemberScore, check_member_scores


class RatingForm(forms.ModelForm):
    class Meta:
        model = Rating
        fields = ["product", "rule_set", "council_level", "mandatory_criteria_met_up_to"]

    def clean(self):
        cleaned = super().clean()
        rule_set = cleaned.get("rule_set")
        if (
            rule_set
            and rule_set.has_mandatory_criteria
            and cleaned.get("mandatory_criteria_met_up_to") is None
        ):
            self.add_error(
                "mandatory_criteria_met_up_to",
                _("This rule set has mandatory criteria: record the result."),
            )
        level = cleaned.get("council_level")
        if rule_set and level and not rule_set.level_rules.filter(level=level).exists():
            self.add_error("council_level", _("This rule set has no council at that level."))
        return cleaned


class MemberScoreFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors) or not self.instance.rule_set_id:
            return
        members = [
            MemberScore(
                form.cleaned_data["member_name"],
                form.cleaned_data["score_a"],
                form.cleaned_data["score_b"],
                form.cleaned_data["score_c"],
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            check_member_scores(self.instance.rule_set, members)
        except CatalogError as error:
            raise ValidationError(str(error), code=error.code) from error


class CertifyForm(forms.Form):
    decision_number = forms.CharField(label=_("decision number"), max_length=64)
    decision_date = forms.DateField(label=_("decision date"), initial=timezone.localdate)
    certificate_number = forms.CharField(label=_("certificate number"), max_length=64)
    issuing_body = forms.CharField(label=_("issuing body"), max_length=200)


class RevokeForm(forms.Form):
    revoked_on = forms.DateField(label=_("revoked on"), initial=timezone.localdate)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
