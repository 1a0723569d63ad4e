"""The search index: one entry per searchable object and language.

The index is derived data (rebuilt by `alke reindex` from the records themselves), so it carries no
audit trail. Visibility is never stored here: every query joins the entries with what the reader may
read right now (see `alke.search.registry`), so a changed permission or publication takes effect at
once, even before the entry is re-indexed.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    source = models.CharField(max_length=32)
    object_pk = models.BigIntegerField()
    language = models.CharField(max_length=2)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    context = models.CharField(max_length=300, blank=True, help_text="round, region or kind shown in results")
    updated_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only (weighted Finnish or Swedish tsvector); on SQLite the FTS5 table search_fts is used.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "object_pk", "language"], name="unique_search_entry")
        ]
        indexes = [models.Index(fields=["source", "object_pk"])]

    def __str__(self) -> str:
        return f"{self.source}:{self.object_pk}:{self.language} {self.title[:40]}"
