"""Every kind of document alke writes, built from one small but complete round for a bilingual region.

Pohjanmaa (MK15) finished ALKE 2024: a cooperation document with minutes, a conclusion with an indicator
(baseline and target), AKKE funding, approvals and publication, and a follow-up note. ALKE 2025 is in
the agenda phase: the unfinished conclusion is carried over and taken on the agenda beside a proposal and
a ministry's issue, and the discussion's time is published. The situational picture holds the shipped
statistics and an analysis. Everything people write is in Swedish, so in a Swedish document any Finnish
text left is system text.

`rendered(world, lang)` renders each document in a language: (name, format, file bytes, the text it
shows); for PDFs the text is its print template's, so a phrase split over lines still matches.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.utils import translation

from alke.agenda import exports as agenda_exports
from alke.agenda import services as agenda
from alke.agreements import exports as agreement_exports
from alke.agreements import services as agreements
from alke.core.documents import pdf_bytes
from alke.core.permissions import Role
from alke.followup import exports as followup_exports
from alke.followup import selectors as followup_selectors
from alke.followup import services as followup
from alke.funding import services as funding
from alke.policy.models import Theme
from alke.regions.models import Ministry, Organisation, Region
from alke.rounds.models import Phase, Round
from alke.schedule.models import Session, TimeSlot, Timetable
from alke.situation import exports as situation_exports
from alke.situation.models import Indicator
from alke.situation.picture import region_picture
from alke.situation.services import load_snapshot, save_analysis
from tests.conftest import make_user

LANGUAGES = ("fi", "sv", "en")


@dataclass
class World:
    region: Region
    previous: Round
    current: Round
    agenda: object
    document: object


@dataclass
class Rendered:
    name: str
    fmt: str
    content: bytes
    text: str


@pytest.fixture
def world(users) -> World:
    coordinator = users["coordinator"]
    official = make_user("pohjanmaa", "liitto-mk15", Role.REGION)
    region = Region.objects.get(code="MK15")
    lvm = Ministry.objects.get(abbreviation="LVM")
    load_snapshot()
    unemployment = Indicator.objects.filter(is_active=True, unit_fi="%").order_by("order").first()

    # ALKE 2024: discussed, agreed, funded, published and followed up.
    previous = Round.objects.create(year=2024, name="ALKE 2024", phase=Phase.AGENDA)
    old_agenda = agenda.ensure_region_agenda(coordinator, previous, region)
    item = agenda.add_item(coordinator, old_agenda, title="Kvarkens trafik", minutes=30)
    previous.phase = Phase.DOCUMENTS
    previous.save()
    conclusion = agreements.record_conclusion(
        coordinator,
        previous,
        region,
        text_fi="Vaasan ja Uumajan välistä laivaliikennettä kehitetään osana EU:n liikenneverkkoa.",
        text_sv="Fartygstrafiken mellan Vasa och Umeå utvecklas som en del av EU:s transportnät.",
        ministries=[lvm],
        region_responsible=True,
        deadline=date(2025, 6, 30),
        needs_budget_decision=True,
        agenda_item=item,
    )
    agreements.set_conclusion_indicator(
        coordinator,
        conclusion,
        unemployment,
        baseline_year=2022,
        baseline_value=Decimal("9.4"),
        target_year=2028,
        target_value=Decimal("7.6"),
    )
    agreements.record_minutes(
        coordinator,
        previous,
        region,
        item,
        text_fi="Keskusteltiin Merenkurkun liikenteestä.",
        text_sv="Trafiken över Kvarken diskuterades.",
    )
    appropriation = funding.set_appropriation(coordinator, previous, total=Decimal("1234567.50"))
    funding.propose_split(coordinator, appropriation)
    funding.adopt_proposal(coordinator, appropriation)
    funding.save_entity(
        coordinator,
        appropriation.allocations.get(region=region),
        name_fi="Merenkurkun ohjelma",
        name_sv="Kvarkenprogrammet",
        recipient="Österbottens förbund",
        amount="30000.00",
    )
    document = agreements.create_document(coordinator, previous, region, include_swedish=True)
    number = document.latest_version().number
    agreements.approve(coordinator, document, number, "state")
    agreements.approve(official, document, number, "region")
    agreements.publish(coordinator, document)
    document.refresh_from_db()
    previous.phase = Phase.FOLLOW_UP
    previous.save()
    followup.record_update(
        coordinator,
        conclusion,
        status="in_progress",
        progress=40,
        note="Utredningen av farleden pågår.",
        on=date(2025, 3, 3),
        today=date(2025, 3, 3),
    )

    # ALKE 2025: a proposal, an issue and the carried-over conclusion on the agenda, the time published.
    current = Round.objects.create(
        year=2025, name="ALKE 2025", phase=Phase.PROPOSALS, common_theme=Theme.objects.get(is_common=True)
    )
    proposal = agenda.create_proposal(
        coordinator,
        current,
        region,
        title="Havsbaserad vindkraft utanför Vasa",
        description="Stamnätet i Kvarken behöver förstärkas.\n\nArbetskraften behöver bostäder.",
        request="Staten bör prioritera stamnätet.",
        ministries=[lvm],
        indicators=[unemployment],
    )
    agenda.submit_proposal(coordinator, proposal)
    current.phase = Phase.AGENDA
    current.save()
    issue = agenda.raise_issue(
        coordinator, current, lvm, [region], title="Kvarkens farled", description="Farleden måste muddras."
    )
    carried = followup.carry_over(coordinator, previous, region).created[0]
    new_agenda = agenda.ensure_region_agenda(coordinator, current, region)
    agenda.decide_candidate(coordinator, carried, take=True)
    agenda.add_item_from_proposal(coordinator, new_agenda, proposal)
    agenda.add_item_from_issue(coordinator, new_agenda, issue)
    timetable = Timetable.objects.create(
        round=current,
        first_day=date(2025, 2, 3),
        last_day=date(2025, 2, 7),
        status=Timetable.Status.PUBLISHED,
    )
    slot = TimeSlot.objects.create(timetable=timetable, start=time(9, 0), end=time(11, 30))
    session = Session.objects.create(
        timetable=timetable,
        code="MK15",
        title_fi="Pohjanmaan keskustelu",
        location="Vasa stadshus",
        agenda=new_agenda,
        date=date(2025, 2, 3),
        slot=slot,
    )
    session.regions.add(region)
    save_analysis(
        coordinator,
        region=region,
        round=current,
        organisation=Organisation.objects.get(slug="tem"),
        section="recent",
        text="Arbetslösheten är lägst i landet.",
    )
    return World(region, previous, current, new_agenda, document)


def html_text(markup: str) -> str:
    """The text a print template shows (its <style> and tags left out)."""
    body = re.sub(r"<(style|title)\b.*?</\1>", " ", markup, flags=re.S)
    return spaced(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def spaced(text: str) -> str:
    """Runs of spaces and line breaks as one space; no-break spaces stay (they are part of 9,4 %)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def docx_text(content: bytes) -> str:
    """Everything a Word file shows: body paragraphs, table cells, page headers and footers."""
    from docx import Document

    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return spaced(" ".join(parts))


def rendered(world: World, lang: str, fmts: tuple[str, ...] = ("pdf", "docx")) -> list[Rendered]:
    """Every document in `lang`, as the download views make them (a PDF is `pdf_bytes` of its print
    template): the agenda packet, the cooperation document and the situational annex as PDF and DOCX, and
    the AUNE report as PDF (only `fmts`)."""
    pdf, docx = "pdf" in fmts, "docx" in fmts
    out = []
    packet = agenda_exports.build_packet(world.agenda, lang)
    if pdf:
        html_ = agenda_exports.render_html(packet)
        out.append(Rendered("agenda packet", "pdf", pdf_bytes(html_), html_text(html_)))
    if docx:
        content = agenda_exports.render_docx(packet)
        out.append(Rendered("agenda packet", "docx", content, docx_text(content)))
    version = world.document.final_version
    if pdf:
        html_ = agreement_exports.document_html(version, lang)
        out.append(Rendered("cooperation document", "pdf", pdf_bytes(html_), html_text(html_)))
    if docx:
        content = agreement_exports.document_docx(version, lang)
        out.append(Rendered("cooperation document", "docx", content, docx_text(content)))
    with translation.override(lang):  # the annex and the report follow the reader's page language
        picture = region_picture(world.region)
        picture["analyses"] = list(world.region.analyses.all())
        request = RequestFactory().get("/")
        if pdf:
            content = situation_exports.export(request, picture, "pdf").content
            out.append(
                Rendered(
                    "situational annex", "pdf", content, html_text(situation_exports.annex_html(picture))
                )
            )
        if docx:
            content = situation_exports.export(request, picture, "docx").content
            out.append(Rendered("situational annex", "docx", content, docx_text(content)))
        if pdf:
            report = followup_selectors.aune_report(None, None)
            html_ = followup_exports.report_html(report)
            out.append(Rendered("AUNE report", "pdf", pdf_bytes(html_), html_text(html_)))
    return out
