"""A user's default shipping and billing addresses (Saleor's accountSetDefaultAddress)."""

from marketplace.accounts.models import Address, User

FIELDS = {"SHIPPING": "default_shipping_address", "BILLING": "default_billing_address"}


def set_default(user: User, address: Address, kind: str) -> User:
    """Make one of the user's own addresses the default for shipping or billing."""
    if address.user_id != user.pk:
        raise ValueError("not the user's address")
    setattr(user, FIELDS[kind], address)
    user.save(update_fields=[FIELDS[kind]])
    return user


def replace_defaults(user: User, old: Address, new: Address | None) -> None:
    """An address was replaced (or removed, `new` None): defaults follow it."""
    changed = [field for field in FIELDS.values() if getattr(user, f"{field}_id") == old.pk]
    for field in changed:
        setattr(user, field, new)
    if changed:
        user.save(update_fields=changed)
