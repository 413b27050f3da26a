"""A variant's price and stock rows on the product page: what each field shows (the saved
value in Vietnamese digits, or what was just typed with its error beside it), and which
row was just saved."""

from storefront.number_input import format_number


def price_key(variant_id, channel_id) -> str:
    return f"price-{variant_id}-{channel_id}"


def stock_key(variant_id, warehouse_id) -> str:
    return f"stock-{variant_id}-{warehouse_id}"


def attach_rows(variants, channels, warehouses, typed: dict) -> None:
    """`typed`: {"saved": key} after a save, or {key: {...typed values and errors}} after
    a refused one."""
    for variant in variants:
        prices = {row.channel_id: row.price_amount for row in variant.channel_listings.all()}
        stocks = {stock.warehouse_id: stock for stock in variant.stocks.all()}
        variant.price_rows = [
            _row(
                price_key(variant.pk, channel.pk),
                typed,
                channel=channel,
                value=format_number(prices.get(channel.pk)),
            )
            for channel in channels
        ]
        variant.stock_rows = [
            _stock_row(stock_key(variant.pk, warehouse.pk), typed, warehouse, stocks)
            for warehouse in warehouses
        ]


def _stock_row(key: str, typed: dict, warehouse, stocks: dict) -> dict:
    stock = stocks.get(warehouse.pk)
    return _row(
        key,
        typed,
        warehouse=warehouse,
        value=format_number(stock.quantity if stock else None),
        held=stock.quantity_allocated if stock else 0,
        available=stock.quantity_available if stock else 0,
        reason="",
    )


def _row(key: str, typed: dict, **shown) -> dict:
    row = {"key": key, "saved": typed.get("saved") == key, "errors": {}, **shown}
    row.update(typed.get(key, {}))
    return row
