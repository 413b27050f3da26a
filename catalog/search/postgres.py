"""PostgreSQL search: prefix full text over the folded text, and trigram word similarity
for typos. Both use GIN indexes on `Product.search_text` (see the catalog migrations)."""

from django.contrib.postgres.search import (
    SearchQuery,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db.models import F, Q, QuerySet

from catalog.search.base import SearchBackend, fold, query_words

# The expression must equal the indexed one for PostgreSQL to use the index.
SEARCH_VECTOR = SearchVector("search_text", config="simple")


class PostgresBackend(SearchBackend):
    def _matching(self, products: QuerySet, words: list[str]) -> QuerySet:
        prefix = SearchQuery(
            " & ".join(f"{word}:*" for word in words), search_type="raw", config="simple"
        )
        folded = " ".join(words)
        return products.annotate(relevance=TrigramWordSimilarity(folded, "search_text")).filter(
            Q(search_vector=prefix) | Q(search_text__trigram_word_similar=folded)
        )

    def search(self, products: QuerySet, text: str) -> QuerySet:
        words = query_words(text)
        if not words:
            return products.none()
        matched = self._matching(products.annotate(search_vector=SEARCH_VECTOR), words)
        return matched.order_by(F("relevance").desc(nulls_last=True), "sort_name")

    def suggest(self, products: QuerySet, text: str, limit: int = 8) -> list:
        if len(fold(text).strip()) < 2:
            return []
        return list(self.search(products, text)[:limit])
