"""Producer staff: the applicant becomes the producer's owner, the owner invites staff
users by email, and each user belongs to exactly one producer."""

import hashlib
import secrets
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from catalog.services import producers
from marketplace.accounts.models import ProducerInvitation, User
from marketplace.errors import CommerceError, CommerceErrorCode

VALID_DAYS = 14


def apply_as_owner(user: User, application, documents):
    """The signed-in user applies for a new producer and becomes its owner."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.producer_id:
            raise CommerceError(CommerceErrorCode.ALREADY_PRODUCER_STAFF, "email", email=user)
        producer = producers.apply(application, documents)
        user.producer = producer
        user.is_producer_owner = True
        user.save(update_fields=["producer", "is_producer_owner"])
    return producer


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(producer, email: str, *, invited_by: User, link_for) -> ProducerInvitation:
    """Create an invitation and email its one-time link (`link_for(token)`) after commit.
    Only the token's hash is stored."""
    email = User.objects.normalize_email(email.strip()).lower()
    if not email:
        raise CommerceError(CommerceErrorCode.REQUIRED, "email")
    if not invited_by.is_producer_owner or invited_by.producer_id != producer.pk:
        raise CommerceError(CommerceErrorCode.PERMISSION_DENIED, "producer")
    member = User.objects.filter(email__iexact=email).first()
    if member is not None and member.producer_id:
        raise CommerceError(CommerceErrorCode.ALREADY_PRODUCER_STAFF, "email", email=email)
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        invitation = ProducerInvitation.objects.create(
            producer=producer, email=email, token_hash=_digest(token), invited_by=invited_by
        )
        link = link_for(token)
        transaction.on_commit(
            lambda: send_mail(
                f"Lời mời tham gia {producer.name} trên OCOP Market / Invitation",
                f"{invited_by.full_name or invited_by.email} mời bạn quản lý gian hàng của "
                f"{producer.name}. Mở liên kết (hiệu lực {VALID_DAYS} ngày):\n{link}\n\n"
                f"You are invited to manage {producer.name}'s shop. Open the link "
                f"(valid {VALID_DAYS} days):\n{link}",
                None,
                [email],
            ),
            robust=True,
        )
    return invitation


def pending(token: str) -> ProducerInvitation | None:
    """The open invitation this token belongs to, if it is still valid."""
    return (
        ProducerInvitation.objects.filter(
            token_hash=_digest(token),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            created_at__gte=timezone.now() - timedelta(days=VALID_DAYS),
        )
        .select_related("producer")
        .first()
    )


def accept(token: str, user: User) -> User:
    """The signed-in user joins the inviting producer as staff."""
    with transaction.atomic():
        invitation = pending(token)
        if invitation is None:
            raise CommerceError(CommerceErrorCode.INVITATION_INVALID, "token")
        invitation = ProducerInvitation.objects.select_for_update().get(pk=invitation.pk)
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.producer_id:
            raise CommerceError(CommerceErrorCode.ALREADY_PRODUCER_STAFF, "email", email=user)
        user.producer = invitation.producer
        user.is_producer_owner = False
        user.save(update_fields=["producer", "is_producer_owner"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def revoke(invitation: ProducerInvitation) -> None:
    ProducerInvitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def remove_member(owner: User, member: User) -> None:
    """The owner takes a staff user off the producer (the account stays, as a customer)."""
    if member.pk == owner.pk or member.producer_id != owner.producer_id:
        raise CommerceError(CommerceErrorCode.PERMISSION_DENIED, "user")
    User.objects.filter(pk=member.pk).update(producer=None, is_producer_owner=False)
