"""Numbers, money and dates as each language writes them: one helper for every document and page."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from alke.core import formats

NBSP, MINUS = "\u00a0", "\u2212"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_finnish_and_swedish_write_decimal_commas_spaces_and_the_minus_sign(lang):
    assert formats.percent(Decimal("9.4"), lang=lang) == f"9,4{NBSP}%"
    assert formats.number(Decimal("-3.6"), lang=lang) == f"{MINUS}3,6"
    assert formats.number(1234567, lang=lang) == f"1{NBSP}234{NBSP}567"
    assert formats.day(date(2027, 2, 3), lang=lang) == "3.2.2027"
    assert formats.euros(Decimal("1234567.5"), lang=lang) == f"1{NBSP}234{NBSP}567,50{NBSP}€"
    assert formats.clock(time(9, 5), lang=lang) == "9.05"


def test_english_writes_points_commas_and_the_month():
    assert formats.percent(Decimal("9.4"), lang="en") == "9.4%"
    assert formats.number(Decimal("-3.6"), lang="en") == "-3.6"
    assert formats.number(1234567, lang="en") == "1,234,567"
    assert formats.day(date(2027, 2, 3), lang="en") == "3 Feb 2027"
    assert formats.euros(Decimal("1234567.5"), lang="en") == "€1,234,567.50"
    assert formats.clock(time(9, 5), lang="en") == "09:05"


def test_decimals_signs_and_missing_values():
    assert formats.number(Decimal("2.345"), 1, lang="fi") == "2,3"
    assert formats.number(Decimal("9.40"), lang="fi") == "9,40"  # the value's own decimals
    assert formats.number(7, 2, lang="fi") == "7,00"
    assert formats.number(Decimal("0.3"), 1, signed=True, lang="fi") == "+0,3"
    assert formats.number(Decimal("-0.04"), 1, signed=True, lang="fi") == "0,0"  # no "−0,0"
    assert formats.percent(Decimal("-1.25"), 1, signed=True, lang="sv") == f"{MINUS}1,2{NBSP}%"
    assert formats.euros(-5, cents=False, lang="fi") == f"{MINUS}5{NBSP}€"
    assert formats.quantity(Decimal("212556"), "henkeä", 0, lang="fi") == f"212{NBSP}556{NBSP}henkeä"
    assert formats.quantity(Decimal("8.6"), "%", lang="en") == "8.6%"
    assert formats.quantity(Decimal("0.42"), "%-yks.", signed=True, lang="fi") == f"+0,42{NBSP}%-yks."
    assert formats.quantity(Decimal("0.42"), "procentenheter", lang="sv") == "0,42 procentenheter"
    for missing in (formats.number(None), formats.percent(None), formats.euros(None), formats.day(None)):
        assert missing == "–"


def test_the_active_language_decides_when_none_is_given():
    with translation.override("sv"):
        assert formats.number(Decimal("-3.6")) == f"{MINUS}3,6"
        assert formats.weekday_day(date(2030, 11, 12)) == "tisdag 12.11.2030"
    with translation.override("en"):
        assert formats.weekday_day(date(2030, 11, 12)) == "Tuesday 12 Nov 2030"
    assert formats.weekday_day(date(2030, 11, 12), lang="fi") == "tiistai 12.11.2030"
    assert [formats.language_tag(code) for code in ("fi", "sv", "en", "de")] == [
        "fi-FI",
        "sv-FI",
        "en-GB",
        "fi-FI",
    ]


def test_template_filters_use_the_same_helper():
    template = Template("{% load alke %}{{ v|number:1 }} {{ p|percent }} {{ e|euros }} {{ d|day }}")
    context = Context({"v": Decimal("-3.64"), "p": 9.4, "e": Decimal("30000"), "d": date(2027, 2, 3)})
    with translation.override("fi"):
        assert template.render(context) == f"{MINUS}3,6 9,4{NBSP}% 30{NBSP}000,00{NBSP}€ 3.2.2027"
    with translation.override("en"):
        assert template.render(context) == "-3.6 9.4% €30,000.00 3 Feb 2027"


def test_charts_get_the_same_number_symbols():
    assert formats.d3_locale("fi") == {
        "decimal": ",",
        "thousands": NBSP,
        "grouping": [3],
        "currency": ["", f"{NBSP}€"],
        "minus": MINUS,
    }
    assert formats.d3_locale("en")["currency"] == ["€", ""]
