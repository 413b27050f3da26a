"""The shop's password reset: ask for a link by e-mail, then choose a new password on the
page it opens. The same tokens as the API's requestPasswordReset/setPassword."""

from django import forms
from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from marketplace.accounts import recovery
from marketplace.accounts.backends import address_locked_until, record_address_attempt


class ResetRequestForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"), max_length=254)


@require_http_methods(["GET", "POST"])
def request_reset(request):
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if address_locked_until(request):
            form.add_error(None, _("Too many requests from your network; try again later."))
        else:
            record_address_attempt(request)
            # at most one e-mail a minute per address; the answer is the same either way
            recovery.send_password_reset(
                email, request.build_absolute_uri(reverse("password-reset-set"))
            )
            messages.success(
                request,
                _("If an account has this e-mail, we sent it a link to choose a new password."),
            )
            return redirect("login")
    return render(request, "storefront/account/password_reset.html", {"form": form})


@require_http_methods(["GET", "POST"])
def set_password(request):
    email = request.GET.get("email", "")
    token = request.GET.get("token", "")
    user = recovery.user_for_reset(email, token)
    if user is None:
        return render(request, "storefront/account/password_reset_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        recovery.set_new_password(user, form.cleaned_data["new_password1"])
        messages.success(request, _("Your password is changed. Sign in with it."))
        return redirect(f"{reverse('login')}?login={user.email}")
    return render(
        request, "storefront/account/password_reset_set.html", {"form": form, "email": user.email}
    )
