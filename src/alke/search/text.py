"""Words, stems and snippets for Finnish and Swedish text (Snowball stemmers through PyStemmer)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

LANGUAGES = {"fi": "finnish", "sv": "swedish"}
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_WORDS = 12


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(LANGUAGES.get(language, "finnish"))


def words(text: str) -> list[str]:
    return WORD_RE.findall((text or "").lower())


def stems(text: str, language: str) -> list[str]:
    """The Snowball stems of the words of `text` in `language` (fi or sv)."""
    return _stemmer(language).stemWords(words(text))


VOWELS = set("aeiouyäö")


def query_stems(term: str, language: str) -> list[str]:
    """Stems of one query word, used as prefixes.

    Snowball's Finnish stemmer does not undo consonant gradation, so "talous" (stem "talous") would not
    reach "talouden" (stem "taloud"); for Finnish a final s after a vowel is dropped ("talou" is a prefix
    of both). Swedish needs no such help.
    """
    result = []
    for stem in stems(term, language):
        if language == "fi" and len(stem) > 4 and stem.endswith("s") and stem[-2] in VOWELS:
            stem = stem[:-1]
        result.append(stem)
    return result


def query_words(query: str) -> list[str]:
    """The words of a search query, de-duplicated, at most MAX_QUERY_WORDS."""
    seen: list[str] = []
    for word in words(query):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_WORDS]


@dataclass
class Snippet:
    parts: list[tuple[str, bool]]
    """(text, is_match) pieces, so templates escape the text and mark the matches."""


def snippet(body: str, query: str, language: str, width: int = 220) -> Snippet:
    """A short excerpt of `body` around the first word matching the query, matches marked."""
    prefixes = {s for s in stems(query, language) if s} | {w for w in query_words(query) if len(w) > 2}
    matches = [m for m in WORD_RE.finditer(body) if any(m.group().lower().startswith(p) for p in prefixes)]
    start = 0
    if matches:
        start = max(0, matches[0].start() - width // 4)
        space = body.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start > 0 else start
    end = min(len(body), start + width)
    parts: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    position = start
    for m in matches:
        if m.start() < start or m.end() > end:
            continue
        if m.start() > position:
            parts.append((body[position : m.start()], False))
        parts.append((m.group(), True))
        position = m.end()
    parts.append((body[position:end], False))
    if end < len(body):
        parts.append(("…", False))
    return Snippet(parts)
