"""The confirmation page of an admin action that needs input (a reason, a date) before
it changes anything: the selected objects, the form, Confirm and Cancel."""

from django.contrib import admin
from django.template.response import TemplateResponse


def action_page(model_admin, request, queryset, form, action: str, title, note=""):
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "note": note,
        "form": form,
        "objects": queryset,
        "action": action,
        "opts": model_admin.model._meta,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/confirm_action.html", context)
