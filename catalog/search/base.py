"""The search contract every backend keeps, whatever engine answers it.

- Matching ignores case and Vietnamese diacritics: "gao nep", "Gạo nếp" and "GẠO NẾP"
  find the same products, and "dau" finds "đậu".
- Every word of the query must match the start of a word of the product (its names,
  producer and OCOP group), or the query must be close to the text (a small typo).
- `search` narrows a product queryset the caller already filtered (stars, price, stock
  belong to the caller) and orders it by relevance.
"""

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from catalog.text import unaccent

MAX_QUERY_LENGTH = 100
_WORD = re.compile(r"[0-9a-z]+")


def fold(text: str) -> str:
    """Lower case without diacritics, as documents are indexed."""
    return unaccent(text).casefold()


def query_words(text: str) -> list[str]:
    """The words of a query, folded; punctuation and operators are dropped."""
    return _WORD.findall(fold(text[:MAX_QUERY_LENGTH]))[:8]


def document_text(product) -> str:
    """The folded text a product is found by."""
    parts = [
        product.name,
        product.name_en,
        product.brand,
        product.producer.name,
        product.group.name,
    ]
    return fold(" ".join(part for part in parts if part))


@dataclass(frozen=True)
class SearchFilters:
    """The listing's filters, for engines that filter inside the index; the queryset
    given to `search` is already narrowed by the same filters."""

    min_stars: int | None = None
    group: str = ""
    area: str = ""
    producer: str = ""
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    in_stock: bool = False


class SearchBackend(ABC):
    # Whether the backend keeps an index of its own that must hear about changes.
    updates_index = False

    @abstractmethod
    def search(
        self, products: QuerySet, text: str, filters: SearchFilters | None = None
    ) -> QuerySet:
        """`products` narrowed to those matching `text`, best match first."""

    @abstractmethod
    def suggest(self, products: QuerySet, text: str, limit: int = 8) -> list:
        """Up to `limit` products for the suggestions shown while typing."""

    def index_products(self, product_ids: Iterable[int]) -> int:
        """Bring the index up to date for these products; nothing to do by default."""
        return 0
