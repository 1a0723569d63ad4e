"""A cooperation document's content: composing the snapshot, laying it out, and comparing versions.

The snapshot (`compose`) is plain JSON so a version never changes when the records it came from do.
`layout` turns a snapshot into the one uniform structure that the page, the DOCX and the PDF all use,
so every region's document has the same sections in the same order.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from alke.agreements.models import CooperationDocument
from alke.agreements.selectors import conclusions_of, minutes_of
from alke.core import formats
from alke.core.manifest import Hook, contributions


@dataclass
class TableRow:
    """A row of a section's table (e.g. a funded entity): what, who carries it out, how much."""

    label: str
    recipient: str
    amount: str
    is_total: bool = False


@dataclass(order=True)
class DocumentSection:
    """A section another app adds to every cooperation document (the AKKE funding, for one).

    `order` places it among the standard sections (parties 10, background 20, common theme 30, own themes
    40, conclusions 50, follow-up arrangements 70); `compose(document, region_ids)` gives the JSON kept in
    each version under `key`; `view(data, lang)` lays that out as (paragraphs, table rows, table caption).
    """

    order: int
    key: str = field(compare=False)
    heading: Callable[[], str] = field(compare=False)
    compose: Callable[[CooperationDocument, list[int]], Any] = field(compare=False)
    view: Callable[[Any, str], tuple[list[str], list[TableRow], str]] = field(compare=False)


DOCUMENT_SECTIONS = Hook("agreements.document_sections", "sections other apps add to the document")

STANDARD_SECTIONS = {
    "parties": 10,
    "background": 20,
    "common_theme": 30,
    "own_themes": 40,
    "conclusions": 50,
    "followup": 70,
}


def contributed_sections() -> list[DocumentSection]:
    return contributions(DOCUMENT_SECTIONS)


def section_keys() -> list[str]:
    """The sections of every document in their order: the standard ones and the contributed ones."""
    order = dict(STANDARD_SECTIONS)
    order.update({section.key: section.order for section in contributed_sections()})
    return sorted(order, key=order.__getitem__)


def _section_headings() -> dict[str, str]:
    # Evaluated under the language being rendered, so headings follow the document's language.
    return {
        "parties": _("Osapuolet"),
        "background": _("Tausta ja tilannekuvan yhteenveto"),
        "common_theme": _("Yhteinen teema"),
        "own_themes": _("Maakunnan omat teemat"),
        "conclusions": _("Johtopäätökset ja vastuut"),
        "followup": _("Seurannan järjestelyt"),
        **{section.key: section.heading() for section in contributed_sections()},
    }


def compose(document: CooperationDocument) -> dict[str, Any]:
    """The document's whole content as JSON: sections, conclusions with responsibilities, and the
    contributed sections (the AKKE funding)."""
    regions = document.all_regions()
    region_ids = [r.pk for r in regions]
    conclusions = []
    numbers_by_item: dict[tuple[int, int], list[int]] = {}
    for number, c in enumerate(conclusions_of(document.round_id, region_ids), start=1):
        if c.agenda_item_id:
            numbers_by_item.setdefault((c.region_id, c.agenda_item_id), []).append(number)
        conclusions.append(
            {
                "id": c.pk,
                "number": number,
                "region": c.region.code,
                "text_fi": c.text_fi,
                "text_sv": c.text_sv,
                "ministries": [
                    {"abbreviation": m.abbreviation, "name_fi": m.name_fi, "name_sv": m.name_sv}
                    for m in c.ministries.all()
                ],
                "region_responsible": c.region_responsible,
                "council_fi": c.region.council_name_fi,
                "council_sv": c.region.council_name_sv,
                "organisations": [
                    {"name_fi": o.name_fi, "name_sv": o.name_sv} for o in c.organisations.all()
                ],
                "other_parties": c.other_parties,
                "deadline": c.deadline.isoformat() if c.deadline else None,
                "needs_budget_decision": c.needs_budget_decision,
                "indicators": [
                    {
                        "code": i.indicator_code,
                        "name": i.indicator_name,
                        "name_sv": i.indicator.name_sv if i.indicator_id else "",
                        "name_en": i.indicator.name_en if i.indicator_id else "",
                        "unit": i.unit,
                        "unit_sv": i.indicator.unit_sv if i.indicator_id else "",
                        "unit_en": i.indicator.unit_en if i.indicator_id else "",
                        "baseline_year": i.baseline_year,
                        "baseline_value": None
                        if i.baseline_value is None
                        else str(i.baseline_value.normalize()),
                        "target_year": i.target_year,
                        "target_value": None if i.target_value is None else str(i.target_value.normalize()),
                    }
                    for i in c.indicators.all()
                ],
            }
        )
    minutes = [
        {
            "agenda_item": m.agenda_item_id,
            "region": m.region.code,
            "title": m.agenda_item.title,
            "text_fi": m.text_fi,
            "text_sv": m.text_sv,
            "conclusions": numbers_by_item.get((m.region_id, m.agenda_item_id), []),
        }
        for m in minutes_of(document.round_id, region_ids)
    ]
    return {
        "round": {"year": document.round.year, "name": document.round.name},
        "kind": document.kind,
        "regions": [
            {
                "code": r.code,
                "name_fi": r.name_fi,
                "name_sv": r.name_sv,
                "council_fi": r.council_name_fi,
                "council_sv": r.council_name_sv,
            }
            for r in regions
        ],
        "swedish": document.has_swedish,
        "sections": {
            name: {"fi": getattr(document, f"{name}_fi"), "sv": getattr(document, f"{name}_sv")}
            for name in CooperationDocument.SECTION_FIELDS
        },
        "minutes": minutes,
        "conclusions": conclusions,
        **{section.key: section.compose(document, region_ids) for section in contributed_sections()},
        "is_demo": document.is_demo,
    }


# ---------------------------------------------------------------------------------------------------
# Layout: one structure for the page, the DOCX and the PDF


@dataclass
class ConclusionView:
    number: int
    text: str
    responsible: list[str]
    deadline: str
    needs_budget_decision: bool
    indicators: list[str]


@dataclass
class MinutesView:
    """The minutes of one agenda item: its title, the paragraphs, and which conclusions it led to."""

    title: str
    paragraphs: list[str]
    note: str = ""  # e.g. "Johtopäätökset 1 ja 3", empty when the item led to none


@dataclass
class SectionView:
    key: str
    number: int
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    conclusions: list[ConclusionView] = field(default_factory=list)
    # Section 5 opens with the minutes of the discussion item by item, then lists the conclusions;
    # the two subheadings are in the document's language (empty when there are no minutes).
    minutes: list[MinutesView] = field(default_factory=list)
    minutes_heading: str = ""
    conclusions_heading: str = ""
    table: list[TableRow] = field(default_factory=list)
    table_caption: str = ""


@dataclass
class DocumentView:
    lang: str
    title: str
    subtitle: str
    sections: list[SectionView]
    is_demo: bool


def pick(item: dict, key: str, lang: str) -> str:
    value = item.get(f"{key}_{lang}") or ""
    return value or item.get(f"{key}_fi") or ""


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def format_euros(value: str | Decimal, lang: str) -> str:
    """1234567.5 -> '1 234 567,50 €' (fi, sv) or '€1,234,567.50' (en)."""
    return formats.euros(Decimal(value), lang=lang)


def layout(content: dict[str, Any], lang: str = "fi") -> DocumentView:
    """The document in `lang` (fi or sv; Swedish falls back to Finnish text where none was written)."""
    with translation.override(lang):
        headings = _section_headings()
        region_names = ", ".join(pick(r, "name", lang) for r in content["regions"])
        title = _("Yhteistyöasiakirja")
        subtitle = _("%(round)s · %(regions)s") % {"round": content["round"]["name"], "regions": region_names}
        sections: list[SectionView] = []
        contributed = {section.key: section for section in contributed_sections()}
        for number, key in enumerate(section_keys(), start=1):
            section = SectionView(key=key, number=number, heading=headings[key])
            if key in content["sections"]:
                texts = content["sections"][key]
                section.paragraphs = _paragraphs(texts.get(lang) or texts.get("fi") or "")
                if not section.paragraphs:
                    section.paragraphs = [_("Ei kirjauksia.")]
            elif key == "conclusions":
                section.conclusions = [_conclusion_view(c, lang) for c in content["conclusions"]]
                section.minutes = _minutes_views(content, lang)
                if section.minutes:
                    section.minutes_heading = _("Keskustelu agendan kohdittain")
                    section.conclusions_heading = _("Johtopäätökset")
                if not section.conclusions:
                    section.paragraphs = [_("Johtopäätöksiä ei ole vielä kirjattu.")]
            elif key in contributed:
                section.paragraphs, section.table, section.table_caption = contributed[key].view(
                    content.get(key), lang
                )
            sections.append(section)
        return DocumentView(
            lang=lang,
            title=title,
            subtitle=subtitle,
            sections=sections,
            is_demo=content.get("is_demo", False),
        )


def _minutes_views(content: dict[str, Any], lang: str) -> list[MinutesView]:
    """The minutes item by item (versions made before minutes were recorded have none)."""
    names = {r["code"]: pick(r, "name", lang) for r in content["regions"]}
    several = len(names) > 1
    views = []
    for m in content.get("minutes") or []:
        title = m["title"]
        if several:
            title = f"{title} ({names.get(m['region'], m['region'])})"
        numbers = [str(n) for n in m["conclusions"]]
        note = ""
        if len(numbers) == 1:
            note = _("Johtopäätös %(number)s") % {"number": numbers[0]}
        elif numbers:
            note = _("Johtopäätökset %(numbers)s ja %(last)s") % {
                "numbers": ", ".join(numbers[:-1]),
                "last": numbers[-1],
            }
        views.append(MinutesView(title, _paragraphs(pick(m, "text", lang)), note))
    return views


def _conclusion_view(c: dict, lang: str) -> ConclusionView:
    responsible = [pick(m, "name", lang) for m in c["ministries"]]
    if c["region_responsible"]:
        responsible.append(c.get(f"council_{lang}") or c["council_fi"])
    responsible += [pick(o, "name", lang) for o in c["organisations"]]
    responsible += [p.strip() for p in (c["other_parties"] or "").split(",") if p.strip()]
    deadline = formats.day(date.fromisoformat(c["deadline"]), lang=lang) if c["deadline"] else ""
    indicators = []
    for i in c["indicators"]:
        parts = [i.get(f"name_{lang}") or i["name"]]
        for key, label in (
            ("baseline", _("lähtötaso %(value)s (%(year)s)")),
            ("target", _("tavoite %(value)s (%(year)s)")),
        ):
            if i[f"{key}_value"] is not None:
                unit = i.get(f"unit_{lang}") or i["unit"] or ""  # older versions hold only the Finnish unit
                value = formats.quantity(Decimal(i[f"{key}_value"]), unit, lang=lang)
                parts.append(label % {"value": value, "year": i[f"{key}_year"] or "–"})
        indicators.append(", ".join(parts))
    return ConclusionView(
        number=c["number"],
        text=pick(c, "text", lang),
        responsible=responsible,
        deadline=deadline,
        needs_budget_decision=c["needs_budget_decision"],
        indicators=indicators,
    )


# ---------------------------------------------------------------------------------------------------
# Comparing versions


def text_lines(content: dict[str, Any], lang: str = "fi") -> list[tuple[str, str]]:
    """The document as (section heading, line) pairs, the unit a diff compares."""
    view = layout(content, lang)
    lines: list[tuple[str, str]] = []
    for s in view.sections:
        heading = f"{s.number}. {s.heading}"
        for p in s.paragraphs:
            lines.append((heading, p))
        for m in s.minutes:
            lines += [(heading, f"{m.title}: {p}") for p in m.paragraphs]
        for c in s.conclusions:
            lines.append((heading, f"{c.number}. {c.text}"))
            with translation.override(lang):
                if c.responsible:
                    lines.append((heading, _("Vastuutahot: %(list)s") % {"list": ", ".join(c.responsible)}))
                if c.deadline:
                    lines.append((heading, _("Määräaika: %(date)s") % {"date": c.deadline}))
                if c.needs_budget_decision:
                    lines.append((heading, _("Edellyttää budjettipäätöstä")))
                for i in c.indicators:
                    lines.append((heading, _("Indikaattori: %(text)s") % {"text": i}))
        for r in s.table:
            lines.append((heading, " – ".join(x for x in (r.label, r.recipient, r.amount) if x)))
    return lines


@dataclass
class DiffLine:
    kind: str  # "same", "added", "removed", "changed"
    old: str = ""
    new: str = ""
    words: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) for changed lines


@dataclass
class DiffSection:
    heading: str
    lines: list[DiffLine]

    @property
    def changed(self) -> bool:
        return any(line.kind != "same" for line in self.lines)


def _word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = old.split(" "), new.split(" ")
    parts: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(("same", " ".join(a[i1:i2])))
        if tag in ("delete", "replace"):
            parts.append(("removed", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(("added", " ".join(b[j1:j2])))
    return parts


def diff(old: dict[str, Any], new: dict[str, Any], lang: str = "fi") -> list[DiffSection]:
    """A readable comparison of two versions, section by section, with word-level changes."""
    old_lines, new_lines = text_lines(old, lang), text_lines(new, lang)
    headings = list(dict.fromkeys([h for h, _ in new_lines] + [h for h, _ in old_lines]))
    result = []
    for heading in headings:
        a = [t for h, t in old_lines if h == heading]
        b = [t for h, t in new_lines if h == heading]
        lines: list[DiffLine] = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag == "equal":
                lines += [DiffLine("same", old=t, new=t) for t in a[i1:i2]]
            elif tag == "delete":
                lines += [DiffLine("removed", old=t) for t in a[i1:i2]]
            elif tag == "insert":
                lines += [DiffLine("added", new=t) for t in b[j1:j2]]
            else:
                olds, news = a[i1:i2], b[j1:j2]
                for k in range(max(len(olds), len(news))):
                    if k < len(olds) and k < len(news):
                        lines.append(DiffLine("changed", olds[k], news[k], _word_diff(olds[k], news[k])))
                    elif k < len(olds):
                        lines.append(DiffLine("removed", old=olds[k]))
                    else:
                        lines.append(DiffLine("added", new=news[k]))
        result.append(DiffSection(heading, lines))
    return result
