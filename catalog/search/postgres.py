"""PostgreSQL search: prefix full text over the folded text (a stored tsvector with a GIN
index); when that finds nothing, trigram word similarity catches a small typo."""

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import F, QuerySet

from catalog.search.base import SearchBackend, fold, query_words


class PostgresBackend(SearchBackend):
    def search(self, products: QuerySet, text: str) -> QuerySet:
        words = query_words(text)
        if not words:
            return products.none()
        prefix = SearchQuery(
            " & ".join(f"{word}:*" for word in words), search_type="raw", config="simple"
        )
        matching = products.filter(search_vector=prefix)
        # Trigram similarity is costly over many rows, so it is only the fallback.
        if matching.exists():
            ranked = matching.annotate(relevance=SearchRank(F("search_vector"), prefix))
        else:
            folded = " ".join(words)
            ranked = products.filter(search_text__trigram_word_similar=folded).annotate(
                relevance=TrigramWordSimilarity(folded, "search_text")
            )
        return ranked.order_by(F("relevance").desc(), "sort_name")

    def suggest(self, products: QuerySet, text: str, limit: int = 8) -> list:
        if len(fold(text).strip()) < 2:
            return []
        return list(self.search(products, text)[:limit])
