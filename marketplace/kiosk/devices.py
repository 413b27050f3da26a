"""Register, authenticate and revoke kiosk devices."""

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.kiosk.models import KioskDevice

PIN_DIGITS = 6


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def pin_hash(salt: str, pin: str) -> str:
    """What the device also computes (WebCrypto SHA-256) to unlock offline."""
    return hashlib.sha256(f"{salt}:{pin}".encode()).hexdigest()


@dataclass(frozen=True)
class Registration:
    device: KioskDevice
    token: str
    pin: str


def register(name: str, channel, warehouse, *, user=None, token=None, pin=None) -> Registration:
    """A new device with a random token (shown once) and a random six-digit PIN.

    Only the demo passes its own token and PIN, so that its printed slips stay valid."""
    if warehouse.channels.filter(pk=channel.pk).exists() is False:
        raise CommerceError(
            CommerceErrorCode.INVALID, "warehouse", detail="the warehouse does not serve it"
        )
    token = token or secrets.token_urlsafe(32)
    pin = pin or f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"
    salt = secrets.token_hex(16)
    device = KioskDevice.objects.create(
        name=name,
        channel=channel,
        warehouse=warehouse,
        token_hash=token_hash(token),
        pin_salt=salt,
        pin_hash=pin_hash(salt, pin),
        registered_by=user,
    )
    return Registration(device, token, pin)


def authenticate(token: str) -> KioskDevice:
    """The device holding `token`; unknown and revoked devices are refused with a code."""
    device = (
        KioskDevice.objects.select_related("channel", "warehouse")
        .filter(token_hash=token_hash(token or ""))
        .first()
    )
    if device is None:
        raise CommerceError(CommerceErrorCode.DEVICE_UNKNOWN, "token")
    if device.is_revoked:
        raise CommerceError(
            CommerceErrorCode.DEVICE_REVOKED,
            "token",
            device=device.name,
            when=timezone.localtime(device.revoked_at).strftime("%d/%m/%Y %H:%M"),
        )
    return device


def revoke(device: KioskDevice) -> KioskDevice:
    """The device's token stops working at once; its sales already synced stay."""
    with transaction.atomic():
        device = KioskDevice.objects.select_for_update().get(pk=device.pk)
        if device.revoked_at is None:
            device.revoked_at = timezone.now()
            device.save(update_fields=["revoked_at"])
    return device
