from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.admin.confirm import action_page
from catalog.admin.rating_forms import CertifyForm, MemberScoreFormSet, RatingForm, RevokeForm
from catalog.errors import CatalogError
from catalog.models import CouncilMemberScore, Rating, RatingStatus
from catalog.services import ratings as rating_services


class ExpiringSoonFilter(admin.SimpleListFilter):
    title = _("expiry")
    parameter_name = "expiring"

    def lookups(self, request, model_admin):
        days = settings.CERTIFICATE_EXPIRY_NOTICE_DAYS
        return [("soon", _("expiring within %(days)s days") % {"days": days})]

    def queryset(self, request, queryset):
        if self.value() == "soon":
            expiring = rating_services.certificates_expiring_within(
                settings.CERTIFICATE_EXPIRY_NOTICE_DAYS, timezone.localdate()
            )
            return queryset.filter(pk__in=expiring.values("pk"))
        return queryset


class MemberScoreInline(admin.TabularInline):
    model = CouncilMemberScore
    formset = MemberScoreFormSet
    fields = ["member_name", "score_a", "score_b", "score_c"]
    extra = 3

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status == RatingStatus.PROPOSED

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    form = RatingForm
    inlines = [MemberScoreInline]
    list_display = [
        "product",
        "stars",
        "mean_score",
        "status",
        "certificate_number",
        "council_level",
        "valid_to",
    ]
    list_filter = ["status", "stars", "rule_set", "council_level", ExpiringSoonFilter]
    search_fields = ["product__name", "product__sort_name", "certificate_number", "decision_number"]
    autocomplete_fields = ["product"]
    list_select_related = ["product", "rule_set"]
    actions = ["certify_action", "revoke_action", "expire_action"]
    computed_fields = [
        "mean_score",
        "stars",
        "status",
        "issuing_body",
        "decision_number",
        "decision_date",
        "certificate_number",
        "valid_from",
        "valid_to",
        "replaces",
        "revoked_on",
        "revocation_reason",
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != RatingStatus.PROPOSED:
            return [*RatingForm.Meta.fields, *self.computed_fields]
        return self.computed_fields

    def get_fields(self, request, obj=None):
        return [*RatingForm.Meta.fields, *self.computed_fields]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
            obj.mean_score, obj.stars = 0, 0  # recomputed from the member scores below
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        rating_services.recompute_scores(form.instance)

    @admin.action(description=_("Certify the selected proposed rating"))
    def certify_action(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one rating to certify."), messages.ERROR)
            return None
        rating = queryset.get()
        form = CertifyForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            try:
                rating_services.certify(rating, rating_services.Certification(**form.cleaned_data))
            except CatalogError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, _("Certificate issued."), messages.SUCCESS)
                return None
        return action_page(self, request, queryset, form, "certify_action", _("Certify rating"))

    @admin.action(description=_("Revoke the selected certificates"))
    def revoke_action(self, request, queryset):
        form = RevokeForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            try:
                with transaction.atomic():
                    for rating in queryset:
                        rating_services.revoke(
                            rating,
                            reason=form.cleaned_data["reason"],
                            revoked_on=form.cleaned_data["revoked_on"],
                        )
            except CatalogError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, _("Certificates revoked."), messages.SUCCESS)
                return None
        return action_page(self, request, queryset, form, "revoke_action", _("Revoke certificates"))

    @admin.action(description=_("Expire certificates past their validity"))
    def expire_action(self, request, queryset):
        count = rating_services.expire_due_certificates(timezone.localdate())
        self.message_user(
            request, _("%(count)s certificates expired.") % {"count": count}, messages.SUCCESS
        )
