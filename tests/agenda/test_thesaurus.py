"""The synergy thesaurus: the shipped data file, its loader's checks, and the matching rule."""

from __future__ import annotations

import json

import pytest

from alke.agenda.thesaurus import (
    DEFAULT_PATH,
    ThesaurusError,
    concepts_of,
    default_thesaurus,
    load_thesaurus,
    parse_thesaurus,
)


def _one(parts: list[str], label: dict | None = None, key: str = "rail") -> dict:
    label = label if label is not None else {"fi": "raideliikenne", "sv": "järnvägstrafik", "en": "rail"}
    return {"concepts": {key: {"label": label, "parts": parts}}}


def test_the_shipped_file_loads_and_labels_every_concept_in_three_languages():
    thesaurus = load_thesaurus(DEFAULT_PATH)
    assert len(thesaurus.concepts) >= 100
    for concept in thesaurus.concepts.values():
        assert {lang: bool(concept.labels[lang]) for lang in ("fi", "sv", "en")} == dict.fromkeys(
            ("fi", "sv", "en"), True
        ), concept.key
    assert thesaurus.label("broadband", "sv") == "bredband och datakommunikation"
    assert thesaurus.label("broadband", "en") == "broadband"
    assert thesaurus.label("broadband", "de") == thesaurus.label("broadband", "fi")  # unknown → Finnish


def test_it_bridges_finnish_and_swedish_and_compounds():
    assert "labour" in concepts_of("arbetskraft") and "labour" in concepts_of("työvoimapula")
    assert "wind" in concepts_of("merituulivoimala") and "wind" in concepts_of("havsvindkraft")
    assert concepts_of("jätetty") == ()  # "submitted" is not waste
    assert default_thesaurus() is default_thesaurus()  # read once


def test_short_parts_match_only_at_the_start_of_a_word():
    thesaurus = parse_thesaurus(_one(["rata", "raideliikenne"]))
    assert thesaurus.concepts_of("radat") == ()
    assert thesaurus.concepts_of("ratahanke") == ("rail",)
    assert thesaurus.concepts_of("kehittämisrata") == ()  # four letters: not inside a word
    assert thesaurus.concepts_of("kaupunkiraideliikenne") == ("rail",)  # five or more: later compound parts
    assert thesaurus.concepts_of("raideliikenne") == ("rail",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], '"concepts"'),
        ({"concepts": {}}, '"concepts"'),
        (_one(["rata"], key="Rail"), 'concept "Rail": a key'),
        (_one(["rata"], label={"fi": "raide", "sv": "järnväg"}), 'concept "rail": "label" needs'),
        (_one(["rata"], label={"fi": "raide", "sv": " ", "en": "rail"}), '"label" needs'),
        (_one([]), '"parts" must be a non-empty list'),
        (_one(["Rata"]), "part 'Rata' is not a lower-case word part"),
        (_one(["rata juna"]), "is not a lower-case word part"),
        (_one(["ra"]), 'part "ra" is shorter than 3 letters'),
        (_one(["rata", "juna", "rata"]), "parts listed twice: rata"),
        ({"concepts": {"rail": {"label": {}, "parts": ["rata"], "colour": "red"}}}, "an object with"),
    ],
)
def test_a_broken_file_is_refused_naming_the_concept_and_the_rule(data, message):
    with pytest.raises(ThesaurusError, match=message.replace("(", r"\(")):
        parse_thesaurus(data)


def test_load_names_an_unreadable_or_invalid_file(tmp_path):
    with pytest.raises(ThesaurusError, match="cannot read"):
        load_thesaurus(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ThesaurusError, match="not valid JSON"):
        load_thesaurus(bad)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_one(["rata", "juna"])), encoding="utf-8")
    assert load_thesaurus(good).concepts_of("junat") == ("rail",)
