"""Sign in by a link sent to the account's e-mail: offered when failed logins have locked
the account, so its owner is never shut out by someone guessing at it."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from marketplace.accounts.backends import (
    address_locked_until,
    clear_account,
    record_address_attempt,
)
from marketplace.accounts.login_link import send_link, user_from_token
from storefront.views.redirects import home_for


class LinkForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Email or phone"), max_length=254)


@require_http_methods(["GET", "POST"])
def request_link(request):
    form = LinkForm(request.POST or None, initial={"username": request.GET.get("login", "")})
    if request.method == "POST" and form.is_valid():
        login_text = form.cleaned_data["username"]
        if address_locked_until(request):
            form.add_error(None, _("Too many requests from your network; try again later."))
        else:
            record_address_attempt(request)  # each request counts against the address
            send_link(
                login_text,
                lambda token: request.build_absolute_uri(reverse("login-link-use", args=[token])),
            )
            messages.success(
                request,
                _("If an account has this e-mail or phone, we sent it a sign-in link."),
            )
            return redirect("login")
    return render(request, "storefront/account/login_link.html", {"form": form})


@require_GET
def use_link(request, token):
    user, login_text = user_from_token(token)
    if user is None:
        messages.error(request, _("This sign-in link is expired or was already used."))
        return redirect("login-link")
    login(request, user, backend="marketplace.accounts.backends.EmailOrPhoneBackend")
    clear_account(login_text)
    messages.success(request, _("You are signed in."))
    return redirect(home_for(request.user))
