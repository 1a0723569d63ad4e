"""A Swedish or English document holds no Finnish system text, and writes numbers and dates as its language.

The Finnish system texts are the catalogues' own: every msgid of every app's Swedish (English) catalogue
whose translation differs from it, cut at its placeholders. None of them may appear, as whole words, in
the text a Swedish (English) document shows. What people wrote is in Swedish in these documents, so a
Finnish phrase found is system text that was not translated or not rendered in the document's language.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import alke
from alke.agenda.models import AgendaItem
from alke.agreements.models import Conclusion
from alke.situation.models import Dataset
from tests.documents.conftest import rendered, spaced

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|%%|\{\{.*?\}\}|\{\w*\}")
LANGS = ("fi", "sv", "en")
SHORTEST = 6  # characters: shorter fragments ("min", "v", "OKM") read the same in every language


@cache
def finnish_system_texts(lang: str) -> frozenset[str]:
    """Finnish fragments of every msgid that the `lang` catalogues translate to something else."""
    fragments = set()
    for po in Path(alke.__file__).parent.glob(f"*/locale/{lang}/LC_MESSAGES/django.po"):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for msgid, translated in zip(ids, [*strings, *strings[-1:] * len(ids)], strict=False):
                if not msgid or translated == msgid:
                    continue
                for fragment in PLACEHOLDER.split(msgid):
                    fragment = fragment.strip(" \n:;,.·–-()/")
                    if len(fragment) >= SHORTEST and re.search(r"[a-zåäö]", fragment):
                        fragments.add(fragment)
    return frozenset(fragments)


def finnish_left(text: str, lang: str, written: tuple[str, ...] = ()) -> list[str]:
    """The Finnish system texts in `text`, leaving out web addresses and what people `written`."""
    text = re.sub(r"https?://\S+", " ", text)
    for passage in sorted(written, key=len, reverse=True):
        text = text.replace(passage, " ")
    return sorted(
        f for f in finnish_system_texts(lang) if re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text)
    )


def test_the_check_finds_finnish_system_text():
    """The check itself: Finnish phrases of the catalogues are found, Swedish and English ones are not."""
    assert {"Jatkuu", "Määräaika oli", "Viimeisin seurantatieto"} <= finnish_system_texts("sv")
    found = finnish_left("Jatkuu: Fartygstrafiken. Määräaika oli 30.6.2025.", "sv")
    assert {"Jatkuu", "Määräaika oli"} <= set(found)
    assert finnish_left("Fortsätter: Fartygstrafiken. Tidsfristen var 30.6.2025.", "sv") == []
    assert finnish_left("Continues: Shipping. The deadline was 30 Jun 2025.", "en") == []


def written_by_people(world) -> tuple[str, ...]:
    """The cooperation document's own text (its version's snapshot), the conclusions as written and the
    statistics' own titles and sources (as their producer names them): a document falls back to them in
    Finnish where no translation was written, and that is content, not system text."""
    found: list[str] = []
    for dataset in Dataset.objects.all():
        found += [dataset.name, dataset.source]
        found += [getattr(dataset, f"{field}_{lang}", "") for field in ("name", "source") for lang in LANGS]

    def leaves(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                leaves(item)
        elif isinstance(value, list):
            for item in value:
                leaves(item)
        elif isinstance(value, str):
            found.extend(spaced(p) for p in re.split(r"\n\s*\n", value) if p.strip())

    leaves(world.document.final_version.content)
    for conclusion in Conclusion.objects.all():
        found += [conclusion.text_fi, conclusion.text_sv]
    return tuple(p for p in found if len(p) >= SHORTEST)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_documents_hold_no_finnish_system_text(world, lang):
    documents = rendered(world, lang)
    assert len(documents) == 7
    written = written_by_people(world)
    left = {f"{d.name} ({d.fmt})": finnish_left(d.text, lang, written) for d in documents}
    assert left == {key: [] for key in left}
    packet = documents[0].text
    carried = {
        "sv": "Fortsätter: Fartygstrafiken mellan Vasa och Umeå",
        "en": "Continues: Vaasan ja Uumajan",
    }[lang]
    assert carried in packet  # in the document's language, the conclusion as written (no English text)


def test_carried_over_text_is_stored_in_finnish_and_shown_in_the_readers_language(world):
    item = world.agenda.items.get(source=AgendaItem.Source.CARRY_OVER)
    assert item.title.startswith("Jatkuu: Vaasan ja Uumajan")
    assert "Määräaika oli 30.6.2025." in item.description
    assert "Viimeisin seurantatieto (3.3.2025): Utredningen av farleden pågår." in item.description
    swedish = rendered(world, "sv")[0].text
    assert "Fortsätter: Fartygstrafiken mellan Vasa och Umeå" in swedish
    assert "Tidsfristen var 30.6.2025." in swedish
    assert "Senaste uppföljningsuppgift (3.3.2025): Utredningen av farleden pågår." in swedish


def test_an_item_edited_after_it_was_taken_keeps_what_people_wrote(world, users):
    from alke.agenda import services
    from alke.agenda.exports import build_packet

    item = world.agenda.items.get(source=AgendaItem.Source.CARRY_OVER)
    services.update_item(users["coordinator"], item, title="Farleden och fartygstrafiken")
    titles = [i.title for i in build_packet(world.agenda, "sv").items]
    assert "Farleden och fartygstrafiken" in titles
    assert not any(t.startswith("Fortsätter") for t in titles)


NBSP, MINUS = "\u00a0", "\u2212"


def test_documents_write_numbers_and_dates_as_their_language(world):
    finnish = {(d.name, d.fmt): d.text for d in rendered(world, "fi")}
    english = {(d.name, d.fmt): d.text for d in rendered(world, "en")}
    for fmt in ("pdf", "docx"):
        document = finnish[("cooperation document", fmt)]
        assert f"lähtötaso 9,4{NBSP}% (2022)" in document and f"tavoite 7,6{NBSP}% (2028)" in document
        assert "Määräaika: 30.6.2025" in document
        assert f"30{NBSP}000,00{NBSP}€" in document
        assert "9.4 %" not in document
        assert "3.2.2025" in finnish[("agenda packet", fmt)]  # the discussion's date
        assert "9.00" in finnish[("agenda packet", fmt)]
        assert "3 Feb 2025" in english[("agenda packet", fmt)] and "09:00" in english[("agenda packet", fmt)]
        assert "baseline 9.4% (2022)" in english[("cooperation document", fmt)]
        assert "€30,000.00" in english[("cooperation document", fmt)]
    annex = finnish[("situational annex", "pdf")]
    assert re.search(rf"{MINUS}\d+,\d", annex) and not re.search(r"(?<![\w.])-\d+[.,]\d", annex)
    assert re.search(rf"\d{{1,3}}{NBSP}\d{{3}}{NBSP}\d{{3}}", annex)  # the country's population, grouped
    assert re.search(r"(?<![\w.])-\d+\.\d", english[("situational annex", "pdf")])
