"""The bilingual thesaurus of regional development vocabulary used by the synergy analysis.

The vocabulary lives in `data/thesaurus.json`: concepts, each with a label in Finnish, Swedish and English and
a list of Finnish and Swedish word parts. A word carries a concept when it starts with one of the parts
(inflected forms and compounds whose first part it is: "työvoiman", "työvoimapula") or, for parts of five
letters or more, contains it after its own first three letters (later parts of compounds: "merituulivoima",
"sähkönsiirtoyhteys", "havsvindkraft"). This bridges Finnish and Swedish and synonyms within one language
("osaaja", "työvoima", "rekrytointi"), which neither stems nor character n-grams can do.

The list is general vocabulary of the field, written from the policy frame, not from any test set: the
priorities of the regional development decision, the sectors of all twelve ministries, the services of
municipalities and wellbeing counties, and the usual asks of the regions. Stems allow for consonant
gradation ("palokun" for palokunta/palokunnan). Words every proposal uses ("kunta", "investointi",
"yritys") carry no concept, since they say nothing of the topic; short parts that would fire inside
unrelated words are avoided ("kust" would catch "kustannus", "konst" "konstruktion", "gårdar" "bangårdar").

`load_thesaurus()` reads and checks a file; a file that breaks a rule raises `ThesaurusError` naming the concept
and the rule, so a bad edit fails the tests instead of silently matching nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).with_name("data") / "thesaurus.json"
LANGUAGES = ("fi", "sv", "en")
MIN_PART_LENGTH = 3
# Parts this long or longer also match inside a word (later parts of compounds); shorter ones only at its start.
INNER_MIN_LENGTH = 5
INNER_OFFSET = 3
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_PART_RE = re.compile(r"^[^\W\d_]+(?:[-&][^\W\d_]*)*$")


class ThesaurusError(ValueError):
    """The thesaurus file breaks a rule; the message names the concept and the rule."""


@dataclass(frozen=True)
class Concept:
    key: str
    labels: dict[str, str]
    parts: tuple[str, ...]

    def label(self, lang: str) -> str:
        """The label in `lang` (fi, sv or en); Finnish for any other language."""
        return self.labels.get(lang[:2].lower() if lang else "fi", self.labels["fi"])


class Thesaurus:
    """Concepts and the word parts that carry them."""

    def __init__(self, concepts: dict[str, Concept]) -> None:
        self.concepts = concepts
        self._by_part: dict[str, set[str]] = {}
        for concept in concepts.values():
            for part in concept.parts:
                self._by_part.setdefault(part, set()).add(concept.key)
        self._lengths = sorted({len(part) for part in self._by_part})
        self._inner_lengths = [n for n in self._lengths if n >= INNER_MIN_LENGTH]
        self.concepts_of = lru_cache(maxsize=200_000)(self._concepts_of)

    def _concepts_of(self, word: str) -> tuple[str, ...]:
        found: set[str] = set()
        size = len(word)
        for n in self._lengths:
            if n > size:
                break
            found |= self._by_part.get(word[:n], set())
        for start in range(INNER_OFFSET, size - INNER_MIN_LENGTH + 1):
            for n in self._inner_lengths:
                if start + n > size:
                    break
                found |= self._by_part.get(word[start : start + n], set())
        return tuple(sorted(found))

    def label(self, key: str, lang: str) -> str:
        return self.concepts[key].label(lang)

    @cached_property
    def size(self) -> int:
        return sum(len(c.parts) for c in self.concepts.values())


def parse_thesaurus(data: object) -> Thesaurus:
    """Check the decoded JSON and build the thesaurus, or raise ThesaurusError."""
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), dict) or not data["concepts"]:
        raise ThesaurusError('the thesaurus must be a JSON object with a non-empty object "concepts"')
    concepts: dict[str, Concept] = {}
    for key, raw in data["concepts"].items():
        if not _KEY_RE.match(key):
            raise ThesaurusError(f'concept "{key}": a key is lower-case ASCII letters, digits and _')
        if not isinstance(raw, dict) or set(raw) - {"label", "parts", "note"}:
            raise ThesaurusError(f'concept "{key}": an object with "label", "parts" and an optional "note"')
        labels = raw.get("label")
        if not isinstance(labels, dict) or any(
            not isinstance(labels.get(lang), str) or not labels[lang].strip() for lang in LANGUAGES
        ):
            raise ThesaurusError(f'concept "{key}": "label" needs a non-empty text for each of fi, sv, en')
        parts = raw.get("parts")
        if not isinstance(parts, list) or not parts:
            raise ThesaurusError(f'concept "{key}": "parts" must be a non-empty list')
        for part in parts:
            if not isinstance(part, str) or not _PART_RE.match(part) or part != part.lower():
                raise ThesaurusError(f'concept "{key}": part {part!r} is not a lower-case word part')
            if len(part) < MIN_PART_LENGTH:
                raise ThesaurusError(
                    f'concept "{key}": part "{part}" is shorter than {MIN_PART_LENGTH} letters and would '
                    "match inside unrelated words"
                )
        duplicates = sorted({p for p in parts if parts.count(p) > 1})
        if duplicates:
            raise ThesaurusError(f'concept "{key}": parts listed twice: {", ".join(duplicates)}')
        concepts[key] = Concept(key, {lang: labels[lang].strip() for lang in LANGUAGES}, tuple(parts))
    return Thesaurus(concepts)


def load_thesaurus(path: Path | str = DEFAULT_PATH) -> Thesaurus:
    """Read and check a thesaurus file (UTF-8 JSON)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ThesaurusError(f"cannot read the thesaurus {path}: {error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ThesaurusError(f"the thesaurus {path} is not valid JSON: {error}") from None
    return parse_thesaurus(data)


@lru_cache(maxsize=1)
def default_thesaurus() -> Thesaurus:
    """The shipped thesaurus, read once per process on first use."""
    return load_thesaurus(DEFAULT_PATH)


def concepts_of(word: str) -> tuple[str, ...]:
    """The concepts a lower-case word carries in the shipped thesaurus (empty when none)."""
    return default_thesaurus().concepts_of(word)
