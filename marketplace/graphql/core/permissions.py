"""Declared permissions for the API, checked in one place.

A mutation names what it needs (`permissions = (Permission.PRODUCER,)`); `ScopedMutation`
checks it before anything runs. Producer operations are further scoped to the caller's
own producer by `own_products` / `own_producer_orders`, so an unscoped query is a
visible bug."""

from enum import Enum

import graphene
from graphql import GraphQLError

from catalog.models import Product
from marketplace.orders.models import ProducerOrder


class Permission(Enum):
    PRODUCER = "a producer's staff"
    MANAGE_PRODUCERS = "catalog.change_producer"
    MANAGE_RATINGS = "catalog.change_rating"
    MANAGE_ORDERS = "orders.change_order"
    # Programme office staff and commune/district officers (who see their own area).
    READ_PROGRAMME = "program.view_salesledgerentry"


def has_permission(user, permission: Permission) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if permission is Permission.PRODUCER:
        return bool(user.producer_id) and user.producer.status == "approved"
    if permission is Permission.READ_PROGRAMME:
        return user.has_perm(permission.value)
    return user.is_staff and user.has_perm(permission.value)


def require(info, *permissions: Permission):
    user = info.context.user
    if not all(has_permission(user, permission) for permission in permissions):
        needed = ", ".join(permission.name for permission in permissions)
        raise GraphQLError(
            f"Bạn không có quyền thực hiện thao tác này / You need {needed} to do this.",
            extensions={"code": "PERMISSION_DENIED", "permissions": [p.name for p in permissions]},
        )
    return user


def own_products(user):
    """The only products a producer may see or change through the API."""
    return Product.objects.filter(producer_id=user.producer_id)


def own_producer_orders(user):
    return ProducerOrder.objects.filter(producer_id=user.producer_id)


class ScopedMutation(graphene.Mutation):
    """A mutation that checks its declared permissions before `perform` runs."""

    permissions: tuple[Permission, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def mutate(cls, root, info, **kwargs):
        user = require(info, *cls.permissions)
        return cls.perform(info, user, **kwargs)

    @classmethod
    def perform(cls, info, user, **kwargs):
        raise NotImplementedError
