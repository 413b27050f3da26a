"""What the search index needs to know from commerce (price, stock, listing), which the
catalog cannot import: the commerce package registers a provider when it loads."""

from collections.abc import Callable, Iterable

FactsProvider = Callable[[list[int]], dict[int, dict]]
_providers: list[FactsProvider] = []


def provide_listing_facts(provider: FactsProvider) -> None:
    """Register `provider(product_ids) -> {product_id: {"price", "in_stock", "listed"}}`."""
    if provider not in _providers:
        _providers.append(provider)


def listing_facts(product_ids: Iterable[int]) -> dict[int, dict]:
    ids = list(product_ids)
    facts: dict[int, dict] = {pk: {} for pk in ids}
    for provider in _providers:
        for pk, values in provider(ids).items():
            facts.setdefault(pk, {}).update(values)
    return facts
