"""Customer account: sign in and out, register, orders, saved addresses."""

from datetime import UTC, datetime

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.contrib.auth.views import LoginView
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalog.errors import DomainError
from marketplace.accounts.backends import locked_until
from marketplace.accounts.models import Address, User
from marketplace.checkout.services import AddressInput, create_address
from storefront.forms import AddressForm
from storefront.views.cart import error_text
from storefront.views.checkout import province_code
from storefront.views.redirects import home_for


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=gettext_lazy("Email or phone"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    def clean(self):
        login_text = self.cleaned_data.get("username")
        until = locked_until(self.request, login_text) if login_text else None
        if until is not None:
            opens = timezone.localtime(datetime.fromtimestamp(until, tz=UTC))
            raise forms.ValidationError(
                _(
                    "Too many failed sign-ins: this account is locked until %(time)s. "
                    "You can sign in now with a link sent to your e-mail."
                )
                % {"time": opens.strftime("%H:%M")},
                code="locked",
            )
        return super().clean()


class RegisterForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["full_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["full_name"].required = True


class SignInView(LoginView):
    template_name = "storefront/account/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_for(self.request.user)


@require_POST
def sign_out(request):
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("shop-home")


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="marketplace.accounts.backends.EmailOrPhoneBackend")
        messages.success(request, _("Welcome! Your account is ready."))
        return redirect("shop-account")
    return render(request, "storefront/account/register.html", {"form": form})


@login_required
@require_GET
def orders(request):
    placed = request.user.orders.order_by("-created_at").prefetch_related("payments")
    return render(request, "storefront/account/orders.html", {"orders": placed})


@login_required
@require_http_methods(["GET", "POST"])
def addresses(request):
    form = AddressForm(request.POST or None)
    del form.fields["email"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            create_address(
                AddressInput(
                    full_name=data["full_name"],
                    phone=data["phone"],
                    province_code=province_code(data["commune_code"]),
                    commune_code=data["commune_code"],
                    street_address=data["street_address"],
                ),
                request.user,
            )
        except DomainError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Address saved."))
            return redirect("shop-addresses")
    saved = request.user.addresses.select_related("commune", "province").order_by("-pk")
    return render(request, "storefront/account/addresses.html", {"form": form, "saved": saved})


@login_required
@require_http_methods(["GET", "POST"])
def address_delete(request, pk):
    """Ask first; orders and checkouts keep their own copy of the address."""
    address = get_object_or_404(Address, pk=pk, user=request.user)
    if request.method == "POST":
        address.user = None
        address.save(update_fields=["user"])
        messages.success(request, _("Address removed."))
        return redirect("shop-addresses")
    return render(request, "storefront/account/address_delete.html", {"address": address})
