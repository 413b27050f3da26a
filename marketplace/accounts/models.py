"""The marketplace's user: logs in with an email address or a phone number."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from catalog.validators import normalise_phone


def new_token_key() -> str:
    """Part of every API token issued to the user; replacing it ends them all."""
    return get_random_string(12)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email=None, password=None, **fields):
        if not email and not fields.get("phone"):
            raise ValueError("A user needs an email address or a phone number.")
        user = self.model(email=self.normalize_email(email) if email else None, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_login(self, login: str):
        """The user whose email (case-insensitive) or phone number is `login`."""
        login = (login or "").strip()
        if "@" in login:
            return self.get(email__iexact=login)
        return self.get(phone=normalise_phone(login))


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, unique=True, null=True, blank=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_staff = models.BooleanField(
        _("programme staff"),
        default=False,
        help_text=_("Programme office staff may use the administration site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    producer = models.ForeignKey(
        "catalog.Producer",
        verbose_name=_("producer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_users",
        help_text=_("Producer staff belong to exactly one producer."),
    )
    is_producer_owner = models.BooleanField(
        _("producer owner"),
        default=False,
        help_text=_("The owner manages the producer's team and invites staff."),
    )
    default_shipping_address = models.ForeignKey(
        "accounts.Address",
        verbose_name=_("default shipping address"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    default_billing_address = models.ForeignKey(
        "accounts.Address",
        verbose_name=_("default billing address"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sales_point_warehouse = models.ForeignKey(
        "warehouses.Warehouse",
        verbose_name=_("kiosk sales point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kiosk_operators",
        help_text=_("Kiosk operators sell from one sales point's warehouse."),
    )
    is_confirmed = models.BooleanField(_("e-mail confirmed"), default=True)
    jwt_token_key = models.CharField(max_length=12, default=new_token_key, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False),
                name="user_has_email_or_phone",
            ),
            models.CheckConstraint(
                condition=Q(producer__isnull=True) | Q(sales_point_warehouse__isnull=True),
                name="user_one_workplace",
            ),
        ]

    def __str__(self):
        return self.email or self.phone or f"#{self.pk}"

    @property
    def role(self) -> str:
        """customer, producer_staff, kiosk_operator or programme_staff."""
        if self.is_staff:
            return "programme_staff"
        if self.producer_id:
            return "producer_staff"
        if self.sales_point_warehouse_id:
            return "kiosk_operator"
        return "customer"

    def clean(self):
        super().clean()
        if self.phone:
            self.phone = normalise_phone(self.phone)
        if not self.email:
            self.email = None


class Address(models.Model):
    """A Vietnamese address: province or city, commune or ward, and the street part."""

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="addresses"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone number"), max_length=20)
    province = models.ForeignKey(
        "catalog.AdministrativeUnit",
        verbose_name=_("province / city"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "province"},
    )
    commune = models.ForeignKey(
        "catalog.AdministrativeUnit",
        verbose_name=_("commune / ward"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "commune"},
    )
    street_address = models.CharField(_("street address"), max_length=255)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self):
        return f"{self.street_address}, {self.commune}, {self.province}"

    def as_snapshot(self) -> dict:
        return {
            "full_name": self.full_name,
            "phone": self.phone,
            "street_address": self.street_address,
            "commune": self.commune.name,
            "commune_code": self.commune.code,
            "province": self.province.name,
            "province_code": self.province.code,
        }


class ProducerInvitation(models.Model):
    """An email invitation to join a producer as staff; only the token's hash is kept."""

    producer = models.ForeignKey(
        "catalog.Producer", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("producer invitation")
        verbose_name_plural = _("producer invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.producer}"
