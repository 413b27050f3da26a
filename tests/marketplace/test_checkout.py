from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.channels.services import publish_product
from marketplace.checkout import services
from marketplace.checkout.complete import complete_checkout
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.checkout.services import AddressInput
from marketplace.checkout.totals import compute_totals
from marketplace.errors import CommerceError, CommerceErrorCode


def test_lines_add_up_and_totals_are_money_per_producer(make_seller, ready_checkout):
    # given two producers, one with a weight-based rate
    fish_sauce = make_seller(price=120000)
    honey = make_seller(price=95000, rate_kind="weight", base=20000, per_kg=10000)

    checkout = ready_checkout((fish_sauce, 2), (honey, 3))
    totals = compute_totals(checkout)

    # then subtotal 2×120.000 + 3×95.000, delivery 30.000 flat + (20.000 + 2 started kg × 10.000)
    assert totals.subtotal == Decimal("525000")
    assert totals.delivery == Decimal("70000")
    assert totals.total == Decimal("595000")
    assert totals.currency == "VND"


def test_adding_the_same_variant_twice_adds_the_quantities(make_seller, online):
    seller = make_seller(stock=5)
    checkout = services.create_checkout(online, email="a@example.vn")
    services.add_lines(checkout, [(seller.variant, 2)])
    services.add_lines(checkout, [(seller.variant, 3)])
    assert checkout.lines.get().quantity == 5


def test_adding_more_than_is_available_is_refused_and_changes_nothing(make_seller, online):
    seller = make_seller(stock=5)
    checkout = services.create_checkout(online, email="a@example.vn", lines=[(seller.variant, 4)])

    with pytest.raises(CommerceError) as error:
        services.add_lines(checkout, [(seller.variant, 2)])

    assert error.value.code == CommerceErrorCode.INSUFFICIENT_STOCK
    assert error.value.message_en.startswith("Only 5 of")
    assert checkout.lines.get().quantity == 4


@pytest.mark.parametrize("quantity", [0, -1])
def test_a_zero_or_negative_quantity_is_refused(make_seller, online, quantity):
    seller = make_seller()
    checkout = services.create_checkout(online, email="a@example.vn")
    with pytest.raises(CommerceError) as error:
        services.add_lines(checkout, [(seller.variant, quantity)])
    assert error.value.code == CommerceErrorCode.QUANTITY_NOT_POSITIVE
    assert not CheckoutLine.objects.exists()


def test_a_variant_not_published_in_the_channel_is_refused(make_seller, online):
    seller = make_seller()
    publish_product(seller.variant.product, online, is_published=False)
    checkout = services.create_checkout(online, email="a@example.vn")
    with pytest.raises(CommerceError) as error:
        services.add_lines(checkout, [(seller.variant, 1)])
    assert error.value.code == CommerceErrorCode.NOT_PUBLISHED


def test_one_bad_line_keeps_the_others_out_too(make_seller, online):
    good, bad = make_seller(), make_seller(stock=1)
    checkout = services.create_checkout(online, email="a@example.vn")
    with pytest.raises(CommerceError):
        services.add_lines(checkout, [(good.variant, 1), (bad.variant, 2)])
    assert not checkout.lines.exists()


def test_an_expired_checkout_cannot_change_or_complete(make_seller, ready_checkout, settings):
    seller = make_seller()
    checkout = ready_checkout((seller, 1))
    Checkout.objects.filter(pk=checkout.pk).update(
        last_change=timezone.now() - timedelta(hours=settings.CHECKOUT_TTL_HOURS + 1)
    )

    with pytest.raises(CommerceError) as adding:
        services.add_lines(checkout, [(seller.variant, 1)])
    with pytest.raises(CommerceError) as completing:
        complete_checkout(checkout, "cod")

    assert adding.value.code == CommerceErrorCode.CHECKOUT_EXPIRED
    assert completing.value.code == CommerceErrorCode.CHECKOUT_EXPIRED


def test_expired_checkouts_are_cleaned_up_and_fresh_ones_kept(make_seller, online, settings):
    seller = make_seller()
    old = services.create_checkout(online, email="a@example.vn", lines=[(seller.variant, 1)])
    fresh = services.create_checkout(online, email="b@example.vn")
    Checkout.objects.filter(pk=old.pk).update(
        last_change=timezone.now() - timedelta(hours=settings.CHECKOUT_TTL_HOURS + 1)
    )

    assert services.delete_expired_checkouts() == 1
    assert list(Checkout.objects.all()) == [fresh]


def test_an_address_outside_the_delivery_area_is_refused(make_seller, online, address):
    seller = make_seller()
    checkout = services.create_checkout(online, email="a@example.vn", lines=[(seller.variant, 1)])
    services.set_delivery(checkout, seller.producer, rate=seller.rate)
    # Hải Dương's 2023 communes no longer exist, so use a province the rate does not serve
    from catalog.models import AdministrativeUnit

    other = AdministrativeUnit.objects.create(
        level="province", kind="tỉnh", code="01", name="Hà Nội", valid_from="2008-08-01"
    )
    ward = AdministrativeUnit.objects.create(
        level="commune",
        kind="phường",
        code="00004",
        name="Ba Đình",
        parent=other,
        valid_from="2025-07-01",
    )

    with pytest.raises(CommerceError) as error:
        services.set_shipping_address(
            checkout,
            AddressInput("Trần Văn Nam", "0912000111", other.code, ward.code, "Số 1 Hoàng Diệu"),
        )

    assert error.value.code == CommerceErrorCode.OUTSIDE_DELIVERY_AREA
    checkout.refresh_from_db()
    assert checkout.shipping_address is None


def test_an_invalid_phone_in_the_address_is_refused(make_seller, online, address):
    checkout = services.create_checkout(online, email="a@example.vn")
    bad = AddressInput(address.full_name, "12345", "31", "11074", "Số 5")
    with pytest.raises(CommerceError) as error:
        services.set_shipping_address(checkout, bad)
    assert error.value.code == CommerceErrorCode.INVALID_PHONE


def test_a_commune_outside_the_province_is_refused(online, address):
    checkout = services.create_checkout(online, email="a@example.vn")
    bad = AddressInput(address.full_name, address.phone, "30", "11074", "Số 5")
    with pytest.raises(CommerceError) as error:
        services.set_shipping_address(checkout, bad)
    # Hải Dương (30) no longer exists: the province code is refused first
    assert error.value.field == "province_code"


def test_pickup_needs_a_point_that_holds_the_stock(make_seller, online):
    from marketplace.warehouses.models import Warehouse

    seller = make_seller()
    point = Warehouse.objects.create(
        name="Điểm bán Đền Tranh",
        slug="den-tranh",
        street_address="Đền Tranh",
        commune=seller.warehouse.commune,
        is_pickup_point=True,
    )
    point.channels.add(online)
    checkout = services.create_checkout(online, email="a@example.vn", lines=[(seller.variant, 2)])

    with pytest.raises(CommerceError) as error:
        services.set_delivery(checkout, seller.producer, pickup_warehouse=point)
    assert error.value.code == CommerceErrorCode.PICKUP_WITHOUT_STOCK

    from marketplace.warehouses.services import set_stock

    set_stock(point, seller.variant, 3, reason="hàng trưng bày")
    delivery = services.set_delivery(checkout, seller.producer, pickup_warehouse=point)
    assert delivery.method == "pickup"
    assert compute_totals(checkout).delivery == Decimal(0)


def test_completing_needs_a_delivery_method_for_every_producer(make_seller, online, address):
    seller = make_seller()
    checkout = services.create_checkout(online, email="a@example.vn", lines=[(seller.variant, 1)])
    services.set_shipping_address(checkout, address)
    with pytest.raises(CommerceError) as error:
        complete_checkout(checkout, "cod")
    assert error.value.code == CommerceErrorCode.DELIVERY_METHOD_REQUIRED


def test_a_payment_method_the_channel_does_not_offer_is_refused(make_seller, ready_checkout):
    checkout = ready_checkout((make_seller(), 1))
    with pytest.raises(CommerceError) as error:
        complete_checkout(checkout, "cash")
    assert error.value.code == CommerceErrorCode.PAYMENT_METHOD_NOT_ALLOWED


def test_setting_quantity_zero_removes_the_line_and_its_delivery(make_seller, ready_checkout):
    seller = make_seller()
    checkout = ready_checkout((seller, 1))
    services.update_lines(checkout, [(seller.variant, 0)])
    assert not checkout.lines.exists()
    assert not checkout.deliveries.exists()


def test_the_cleanup_task_runs_inline_without_a_broker(make_seller, online, settings):
    from marketplace.checkout.tasks import delete_expired_checkouts_task

    old = services.create_checkout(online, email="a@example.vn")
    Checkout.objects.filter(pk=old.pk).update(
        last_change=timezone.now() - timedelta(hours=settings.CHECKOUT_TTL_HOURS + 1)
    )

    result = delete_expired_checkouts_task.delay()

    assert result.get() == 1
    assert not Checkout.objects.exists()
