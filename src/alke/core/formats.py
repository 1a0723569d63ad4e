"""Numbers, money, dates and times written as the reader's language writes them.

One helper for every document (DOCX, PDF) and for the pages that show the same figures, so a value reads
the same everywhere: `9,4 %`, `−3,6`, `1 234 567`, `3.2.2027` in Finnish and Finland-Swedish, `9.4%`,
`-3.6`, `1,234,567` and `3 Feb 2027` in British English. The rules are the Unicode CLDR's (through Babel)
for the locales fi-FI, sv-FI and en-GB; Babel leaves the locale's minus sign out, so it is put back here
(U+2212 in Finnish and Swedish).

Every function takes `lang` ("fi", "sv", "en"); None means the active language. A missing value is "–".
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal
from django.utils import translation

LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
# The language tags documents declare (DOCX w:lang, PDF /Lang through <html lang>).
LANGUAGE_TAGS = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
# A plain date: CLDR's short form in Finnish and Swedish (3.2.2027), the medium one in English (3 Feb 2027),
# since the short English form (03/02/2027) is read the other way round in the United States.
DATE_LENGTH = {"fi": "short", "sv": "short", "en": "medium"}
MISSING = "–"
SHORT_UNIT = 6  # characters: a unit this short is kept on the line of its number

Number = int | float | Decimal


def language(lang: str | None = None) -> str:
    """The document language ("fi", "sv" or "en") for `lang`, defaulting to the active language."""
    code = (lang or translation.get_language() or "fi").split("-")[0].lower()
    return code if code in LOCALES else "fi"


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def language_tag(lang: str | None = None) -> str:
    """fi-FI, sv-FI or en-GB."""
    return LANGUAGE_TAGS[language(lang)]


def _decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _pattern(decimals: int | None, value: Decimal) -> str:
    if decimals is None:  # as many decimals as the value has, e.g. Decimal("9.40") -> 2
        exponent = value.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _signed(text: str, negative: bool, positive: bool, signed: bool, lang: str) -> str:
    symbols = _locale(lang).number_symbols["latn"]
    text = text.lstrip("-")
    if negative:
        return symbols["minusSign"] + text
    if signed and positive:
        return symbols["plusSign"] + text
    return text


def number(
    value: Number | None, decimals: int | None = None, *, signed: bool = False, lang: str | None = None
) -> str:
    """`value` with `decimals` decimals (None: the value's own) grouped in thousands; `signed` adds "+"."""
    if value is None:
        return MISSING
    lang = language(lang)
    amount = _decimal(value)
    pattern = _pattern(decimals, amount)
    if decimals is not None:
        amount = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    text = format_decimal(abs(amount), format=pattern, locale=_locale(lang), decimal_quantization=False)
    return _signed(text, amount < 0, amount > 0, signed, lang)


def percent(
    value: Number | None, decimals: int | None = 1, *, signed: bool = False, lang: str | None = None
) -> str:
    """A value already in per cent (9.4 -> "9,4 %" in Finnish and Swedish, "9.4%" in English)."""
    if value is None:
        return MISSING
    lang = language(lang)
    pattern = _locale(lang).percent_formats[None].pattern  # "#,##0 %" or "#,##0%"
    suffix = pattern[pattern.rindex("0") + 1 :].replace(
        "%", _locale(lang).number_symbols["latn"]["percentSign"]
    )
    return number(value, decimals, signed=signed, lang=lang) + suffix


def quantity(
    value: Number | None,
    unit: str = "",
    decimals: int | None = None,
    *,
    signed: bool = False,
    lang: str | None = None,
) -> str:
    """A value with its unit: per cent as the language writes it, any other unit after a space that does
    not break when the unit is a symbol or an abbreviation (12 km, 3 %-yks.), so only a unit written out
    in words (12 procentenheter) may go to the next line of a narrow table cell."""
    unit = unit.strip()
    if unit == "%":
        return percent(value, decimals, signed=signed, lang=lang)
    text = number(value, decimals, signed=signed, lang=lang)
    if not unit or value is None:
        return text
    space = "\u00a0" if len(unit) <= SHORT_UNIT and " " not in unit else " "
    return f"{text}{space}{unit}"


def euros(value: Number | None, *, cents: bool = True, lang: str | None = None) -> str:
    """1234567.5 -> "1 234 567,50 €" (fi, sv) or "€1,234,567.50" (en)."""
    if value is None:
        return MISSING
    lang = language(lang)
    amount = _decimal(value).quantize(Decimal("0.01") if cents else Decimal(1), rounding=ROUND_HALF_EVEN)
    pattern = _locale(lang).currency_formats["standard"].pattern
    if not cents:
        pattern = pattern.replace("#,##0.00", "#,##0")
    text = format_currency(
        abs(amount),
        "EUR",
        format=pattern,
        locale=_locale(lang),
        currency_digits=False,
        decimal_quantization=False,
    )
    return _signed(text, amount < 0, False, False, lang)


def day(value: date | datetime | None, *, lang: str | None = None) -> str:
    """A date: 3.2.2027 (fi, sv), 3 Feb 2027 (en)."""
    if value is None:
        return MISSING
    lang = language(lang)
    return format_date(value, DATE_LENGTH[lang], locale=_locale(lang))


def weekday_day(value: date, *, lang: str | None = None) -> str:
    """The date with its weekday: "tiistai 12.11.2030", "tisdag 12.11.2030", "Tuesday 12 Nov 2030"."""
    lang = language(lang)
    return f"{format_date(value, 'cccc', locale=_locale(lang))} {day(value, lang=lang)}"


def clock(value: time, *, lang: str | None = None) -> str:
    """A time of day: 9.05 (fi, sv), 09:05 (en)."""
    lang = language(lang)
    return format_time(value, "short", locale=_locale(lang))


def d3_locale(lang: str | None = None) -> dict:
    """The same number format for charts drawn by Vega (d3-format's locale object)."""
    lang = language(lang)
    symbols = _locale(lang).number_symbols["latn"]
    currency = euros(0, lang=lang).split("0")
    return {
        "decimal": symbols["decimal"],
        "thousands": symbols["group"],
        "grouping": [3],
        "currency": [currency[0], currency[-1]],
        "minus": symbols["minusSign"],
    }
