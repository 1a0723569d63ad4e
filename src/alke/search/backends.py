"""Full-text matching: PostgreSQL text search on PostgreSQL, SQLite FTS5 on SQLite.

Both stem Finnish and Swedish with Snowball: PostgreSQL through its `finnish` and `swedish` text
search configurations, SQLite by storing PyStemmer stems in the FTS5 table. Each query word matches
as a prefix of a stem, and every word must match (AND). Titles weigh more than bodies.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q

from alke.search.models import SearchEntry
from alke.search.text import LANGUAGES, query_stems, query_words, stems

CANDIDATE_LIMIT = 1000
FTS_TABLE = "search_fts"


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def write(entry: SearchEntry) -> None:
    """Bring the full-text index of a saved entry up to date."""
    if is_postgres():
        config = LANGUAGES.get(entry.language, "finnish")
        SearchEntry.objects.filter(pk=entry.pk).update(
            vector=SearchVector("title", weight="A", config=config)
            + SearchVector("body", weight="B", config=config)
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
            [
                entry.pk,
                " ".join(stems(entry.title, entry.language)),
                " ".join(stems(entry.body, entry.language)),
            ],
        )


def forget(entry_ids: list[int]) -> None:
    """Remove entries from the SQLite FTS table (PostgreSQL keeps the vector in the row itself)."""
    if entry_ids and not is_postgres():
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [[i] for i in entry_ids])


def clear() -> None:
    if not is_postgres():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")


def match(query: str, allowed: Q) -> list[tuple[int, float]]:
    """(entry id, rank) of the entries matching `query` within `allowed`, best first."""
    terms = query_words(query)
    if not terms:
        return []
    results: list[tuple[int, float]] = []
    for language in LANGUAGES:
        if is_postgres():
            results += _match_postgres(terms, language, allowed)
        else:
            results += _match_sqlite(terms, language, allowed)
    results.sort(key=lambda r: (-r[1], r[0]))
    return results


def _match_postgres(terms: list[str], language: str, allowed: Q) -> list[tuple[int, float]]:
    # The vectors hold PostgreSQL's Snowball stems; the query uses the same Snowball stems (PyStemmer),
    # as prefixes (`:*`) under the `simple` configuration so they are not stemmed twice. The stems hold
    # letters and digits only (query_words), so nothing else reaches the tsquery syntax.
    stemmed = [stem for term in terms for stem in query_stems(term, language) if stem]
    if not stemmed:
        return []
    raw = " & ".join(f"{stem}:*" for stem in stemmed)
    query = SearchQuery(raw, config="simple", search_type="raw")
    qs = (
        SearchEntry.objects.filter(allowed, language=language, vector=query)
        .annotate(rank=SearchRank(F("vector"), query))
        .order_by("-rank", "pk")
        .values_list("pk", "rank")[:CANDIDATE_LIMIT]
    )
    return [(pk, float(rank)) for pk, rank in qs]


def _match_sqlite(terms: list[str], language: str, allowed: Q) -> list[tuple[int, float]]:
    stemmed = [stem for term in terms for stem in query_stems(term, language) if stem]
    if not stemmed:
        return []
    # Each stem is a quoted FTS5 string with a prefix star; quotes inside are doubled (none survive
    # query_words, but the quoting keeps FTS5 operators like NEAR or OR from being read as syntax).
    fts_query = " ".join('"{}"*'.format(s.replace('"', '""')) for s in stemmed)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, bm25({FTS_TABLE}, 5.0, 1.0) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"ORDER BY bm25({FTS_TABLE}, 5.0, 1.0) LIMIT %s",
            [fts_query, CANDIDATE_LIMIT * 4],
        )
        ranked = {row[0]: -float(row[1]) for row in cursor.fetchall()}
    if not ranked:
        return []
    keep = SearchEntry.objects.filter(allowed, language=language, pk__in=list(ranked)).values_list(
        "pk", flat=True
    )
    return [(pk, ranked[pk]) for pk in keep][:CANDIDATE_LIMIT]
