"""Every portal page and action runs inside the signed-in user's producer.

`portal_view` admits only producer staff (and, with `owner=True`, the producer's owner);
`owned(Model, producer)` is the one way portal code reads rows, filtered through the
path from the model to its producer, so an unscoped query is a visible bug. Another
producer's object is "not found" (404), never "forbidden", so nothing leaks."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from catalog.models import (
    DossierFile,
    DossierItem,
    ProducerDocument,
    ProducerStatus,
    Product,
    ProductImage,
    ProductVariant,
)
from marketplace.accounts.models import ProducerInvitation, User
from marketplace.channels.models import ProductSheetImport
from marketplace.orders.models import ProducerOrder
from marketplace.warehouses.models import Stock, Warehouse
from traceability.models import Lot, StampBatch

OWNER_PATH = {
    Product: "producer",
    ProductVariant: "product__producer",
    ProductImage: "product__producer",
    DossierItem: "product__producer",
    DossierFile: "item__product__producer",
    ProducerDocument: "producer",
    ProductSheetImport: "producer",
    Warehouse: "producer",
    Stock: "warehouse__producer",
    Lot: "variant__product__producer",
    StampBatch: "lot__variant__product__producer",
    ProducerOrder: "producer",
    User: "producer",
    ProducerInvitation: "producer",
}


def owned(model, producer) -> QuerySet:
    """Rows of `model` that belong to `producer`."""
    return model.objects.filter(**{OWNER_PATH[model]: producer})


def get_owned(model, producer, **lookup):
    """One row of `producer`'s, or 404 (also for another producer's row)."""
    return get_object_or_404(owned(model, producer), **lookup)


def portal_view(view=None, *, owner: bool = False, approved: bool = True):
    """Admit producer staff; the view receives `producer` after `request`. Before the
    producer is approved, pages that need it send the user to the portal's home."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            producer = user.producer
            if producer is None:
                return redirect("producer-home")
            if owner and not user.is_producer_owner:
                raise Http404
            if approved and producer.status != ProducerStatus.APPROVED:
                return redirect("producer-home")
            return view(request, producer, *args, **kwargs)

        return wrapped

    return decorate(view) if view else decorate


def staff_view(view):
    """Programme staff who review producers (permission catalog.change_producer)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("catalog.change_producer"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
