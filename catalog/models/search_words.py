"""The words products are found by: what a misspelt query word is corrected against."""

from django.contrib.postgres.indexes import GistIndex
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchWord(models.Model):
    """One word (a lexeme of some product's `search_vector`). PostgreSQL keeps the list:
    a trigger on catalog_product (migration 0011) adds the words of every inserted or
    updated row, bulk imports included. Words are not removed when a product changes;
    a correction to a word no product holds any more finds nothing, and search then falls
    back to trigram similarity over the products themselves."""

    word = models.CharField(_("word"), primary_key=True, max_length=100, db_collation="C")

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        indexes = [
            GistIndex(fields=["word"], name="search_word_trigram", opclasses=["gist_trgm_ops"])
        ]

    def __str__(self):
        return self.word
