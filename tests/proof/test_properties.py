"""Property-based tests (hypothesis) for the parsers and the money arithmetic the apps expose, and for
the search, open-data and archive input handling of this app: whatever the input, the result is either
right or a clear domain error, never a crash."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from alke.agreements.content import format_euros
from alke.archive.services import ArchiveError, read_archive
from alke.search import opendata
from alke.search.text import query_words, snippet, stems
from alke.situation.parsers import StatsFormatError, detect_format, parse, parse_jsonstat2

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------------------------------------------
# Statistics parsers (situation)


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_parse_or_fail_with_a_named_problem(raw):
    try:
        cube = parse(raw)
    except StatsFormatError as error:
        assert str(error)
    else:
        assert len(cube.values) == _product(cube.sizes)


@FAST
@given(
    st.sampled_from(
        [
            "{",
            '{"class": "dataset"',
            "[]",
            '{"class":"dataset","id":[],"size":[]}',
            "CHARSET=",
            '\ufeffCHARSET="ANSI";\nMATRIX=x;\nDATA=\n1 2;',
        ]
    ),
    st.text(max_size=200),
)
def test_truncated_and_mixed_documents_fail_cleanly(start, tail):
    # Any outcome but an exception other than StatsFormatError is fine.
    with contextlib.suppress(StatsFormatError):
        parse((start + tail).encode("utf-8"))


def _product(sizes):
    result = 1
    for size in sizes:
        result *= size
    return result


@st.composite
def jsonstat_tables(draw):
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    ids = [f"d{i}" for i in range(len(sizes))]
    dimension = {
        dim: {
            "label": dim,
            "category": {
                "index": {f"c{j}": j for j in range(size)},
                "label": {f"c{j}": f"luokka {j}" for j in range(size)},
            },
        }
        for dim, size in zip(ids, sizes, strict=True)
    }
    n = _product(sizes)
    values = draw(st.lists(st.one_of(st.none(), st.integers(-(10**9), 10**9)), min_size=n, max_size=n))
    return {
        "version": "2.0",
        "class": "dataset",
        "id": ids,
        "size": sizes,
        "dimension": dimension,
        "value": values,
    }


@FAST
@given(jsonstat_tables())
def test_jsonstat_round_trip(table):
    cube = parse_jsonstat2(json.dumps(table))
    assert cube.sizes == table["size"]
    assert [None if v is None else float(v) for v in cube.values] == [
        None if v is None else float(v) for v in table["value"]
    ]
    assert detect_format(json.dumps(table).encode()) in ("jsonstat2", "json-stat2", "jsonstat")


# ---------------------------------------------------------------------------------------------------
# Money (agreements)


@FAST
@given(st.decimals(min_value=Decimal("0"), max_value=Decimal("1e12"), places=2, allow_nan=False))
def test_euros_format_back_to_the_same_cents(amount):
    for lang in ("fi", "sv"):
        text = format_euros(amount, lang)
        assert text.endswith("\u00a0€")
        back = Decimal(text[:-2].replace("\u00a0", "").replace(",", "."))
        assert back == amount
    english = format_euros(amount, "en")
    assert Decimal(english[1:].replace(",", "")) == amount


# ---------------------------------------------------------------------------------------------------
# Search text, open data filters and archives (this app)


@FAST
@given(st.text(max_size=400), st.text(max_size=60), st.sampled_from(["fi", "sv"]))
def test_snippet_is_a_piece_of_the_text_and_marks_only_matches(body, query, language):
    parts = snippet(body, query, language).parts
    text = "".join(t for t, _ in parts if t != "…")
    assert text in body
    for piece, is_match in parts:
        if is_match:
            assert piece.strip() and piece in body
    assert len(query_words(query)) <= 12
    assert all(s == s.strip() for s in stems(body, language))


@FAST
@given(
    st.dictionaries(st.sampled_from(["round", "region", "indicator", "year", "other"]), st.text(max_size=20))
)
def test_open_data_filters_are_checked(raw):
    ds = opendata.Dataset("t", "t", "t", lambda p: ([], []), ("round", "region", "indicator", "year"))
    try:
        params = opendata.clean_params(ds, raw)
    except opendata.DatasetError as error:
        assert "must be a year" in str(error)
    else:
        assert "other" not in params
        for name in ("round", "year"):
            if name in params:
                assert 1900 <= params[name] <= 2200


@FAST
@given(st.text(max_size=50))
def test_csv_cells_never_start_a_formula(text):
    safe = opendata._csv_safe(text)
    assert not (isinstance(safe, str) and safe[:1] in ("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.django_db
@FAST
@given(st.binary(max_size=3000))
def test_any_bytes_as_a_round_archive_fail_cleanly(raw):
    with pytest.raises(ArchiveError):
        read_archive(io.BytesIO(raw))


@pytest.mark.django_db
@FAST
@given(
    st.dictionaries(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö0123456789._-/", min_size=1, max_size=30).filter(
            lambda name: not name.endswith("/")
        ),
        st.binary(max_size=200),
        max_size=5,
    )
)
def test_any_zip_is_refused_unless_it_is_a_round_archive(members):
    assume("round.json" not in members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(ArchiveError):
        read_archive(io.BytesIO(buffer.getvalue()))
