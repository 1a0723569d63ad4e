"""The agenda and background packet in one uniform template, as DOCX (python-docx) and PDF (WeasyPrint).

Both formats are rendered from the same `Packet`, so the sections, their order and their headings are
identical: the agenda with times and the ministries that must attend, the proposals in the uniform proposal
template, the ministries' issues, and the region's situational picture (key indicators and analyses).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alke.agenda.models import Agenda, AgendaItem, MinistryIssue, Proposal
from alke.core.models import localized

LANGUAGES = ("fi", "sv")
SESSION_START = "09:00"


@dataclass
class PacketItem:
    number: int
    starts: str
    title: str
    minutes: int
    source: str
    kind: str
    description: str
    ministries: list[str]
    proposals: list[str]
    indicators: list[str]


@dataclass
class PacketProposal:
    title: str
    region: str
    status: str
    kind: str
    ministries: list[str]
    objectives: list[str]
    priorities: list[str]
    themes: list[str]
    indicators: list[str]
    description: str
    request: str


@dataclass
class IndicatorRow:
    name: str
    region: str
    value: str
    unit: str


@dataclass
class Packet:
    lang: str
    title: str
    subtitle: str
    round_name: str
    session_minutes: int
    planned_minutes: int
    status: str
    is_demo: bool
    items: list[PacketItem] = field(default_factory=list)
    ministries: list[str] = field(default_factory=list)
    proposals: list[PacketProposal] = field(default_factory=list)
    issues: list[tuple[str, str, str, str]] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    analyses: list[tuple[str, str, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)


def _name(obj, lang: str) -> str:
    return localized(obj, "name", lang) or str(obj)


def _labels() -> dict[str, str]:
    """Headings and column names in the active language (one place, so DOCX and PDF agree)."""
    return {
        "agenda": _("Agenda"),
        "time": _("Aika"),
        "item": _("Kohta"),
        "minutes": _("Kesto (min)"),
        "ministries": _("Paikalla oltavat ministeriöt"),
        "branches": _("Hallinnonalat (ministeriöt)"),
        "linked": _("Liittyvät ehdotukset"),
        "indicators": _("Tilannekuvan indikaattorit"),
        "all_ministries": _("Osallistuvat ministeriöt"),
        "proposals": _("Maakunnan ehdotukset"),
        "issues": _("Ministeriöiden nostot"),
        "situation": _("Alueen tilannekuva"),
        "key_indicators": _("Keskeiset indikaattorit"),
        "analyses": _("Analyysit"),
        "region": _("Maakunta"),
        "value": _("Arvo"),
        "unit": _("Yksikkö"),
        "status": _("Tila"),
        "kind": _("Luonne"),
        "objectives": _("Lakisääteiset tavoitteet"),
        "priorities": _("Aluekehittämispäätöksen painopisteet"),
        "themes": _("Teemat"),
        "description": _("Kuvaus"),
        "request": _("Mitä pyydetään"),
        "total": _("Yhteensä"),
        "session": _("Keskustelun kesto"),
        "none": _("Ei kirjattu."),
        "demo": _("Demosisältöä: keksitty esimerkkiaineisto, ei todellinen asiakirja."),
        "no_situation": _("Tilannekuvan tietoja ei ole vielä tuotu."),
        "agenda_status": _("Agendan tila"),
    }


def build_packet(agenda: Agenda, lang: str) -> Packet:
    """Collect everything the packet shows, in `lang` (fi or sv)."""
    with translation.override(lang):
        round_ = agenda.round
        region_ids = agenda.region_ids()
        regions = (
            list(agenda.regions.order_by("code"))
            if agenda.kind == Agenda.AgendaKind.JOINT
            else [agenda.region]
        )
        region_names = ", ".join(_name(r, lang) for r in regions if r is not None)
        if agenda.kind == Agenda.AgendaKind.JOINT:
            subtitle = _("Yhteinen keskustelu: %(regions)s") % {"regions": region_names}
        else:
            subtitle = _("Aluekehittämiskeskustelu: %(region)s") % {"region": region_names}
        packet = Packet(
            lang=lang,
            title=_("%(round)s – agenda ja tausta-aineisto") % {"round": round_.name},
            subtitle=subtitle + (f" – {agenda.title}" if agenda.title else ""),
            round_name=round_.name,
            session_minutes=agenda.session_minutes,
            planned_minutes=0,
            status=agenda.get_status_display(),
            is_demo=agenda.is_demo or round_.is_demo,
            labels=_labels(),
        )
        clock = datetime.strptime(SESSION_START, "%H:%M")
        ministries: dict[int, str] = {}
        linked_ids: list[int] = []
        for number, item in enumerate(agenda.items.order_by("order", "pk"), start=1):
            item_ministries = list(item.ministries.all())
            for ministry in item_ministries:
                ministries[ministry.order * 1000 + ministry.pk] = (
                    f"{ministry.abbreviation} – {_name(ministry, lang)}"
                )
            proposals = list(item.proposals.select_related("region"))
            linked_ids += [p.pk for p in proposals]
            packet.items.append(
                PacketItem(
                    number=number,
                    starts=clock.strftime("%H.%M"),
                    title=(
                        _("Yhteinen teema: %(theme)s") % {"theme": _name(item.theme, lang)}
                        if item.source == AgendaItem.Source.COMMON_THEME and item.theme
                        else item.title
                    ),
                    minutes=item.minutes,
                    source=item.get_source_display(),
                    kind=item.get_kind_display() if item.kind else "",
                    description=item.description,
                    ministries=[m.abbreviation for m in item_ministries],
                    proposals=[f"{p.title} ({_name(p.region, lang)})" for p in proposals],
                    indicators=[_name(i, lang) for i in item.indicators.all()],
                )
            )
            clock += timedelta(minutes=item.minutes)
            packet.planned_minutes += item.minutes
        packet.ministries = [ministries[k] for k in sorted(ministries)]
        proposals = Proposal.objects.filter(round=round_, region_id__in=region_ids).exclude(
            status__in=[Proposal.Status.DRAFT, Proposal.Status.DECLINED, Proposal.Status.MERGED]
        )
        if agenda.kind == Agenda.AgendaKind.JOINT:
            proposals = proposals.filter(pk__in=linked_ids)
        for proposal in proposals.select_related("region").prefetch_related(
            "ministries", "objectives", "priorities", "themes", "indicators"
        ):
            packet.proposals.append(
                PacketProposal(
                    title=proposal.title,
                    region=_name(proposal.region, lang),
                    status=proposal.get_status_display(),
                    kind=proposal.get_kind_display(),
                    ministries=[m.abbreviation for m in proposal.ministries.all()],
                    objectives=[
                        f"{o.number}) {localized(o, 'text', lang)}" for o in proposal.objectives.all()
                    ],
                    priorities=[_name(p, lang) for p in proposal.priorities.all()],
                    themes=[_name(t, lang) for t in proposal.themes.all()],
                    indicators=[_name(i, lang) for i in proposal.indicators.all()],
                    description=proposal.description,
                    request=proposal.request,
                )
            )
        for issue in (
            MinistryIssue.objects.filter(round=round_, regions__in=region_ids)
            .distinct()
            .select_related("ministry")
        ):
            packet.issues.append(
                (issue.ministry.abbreviation, issue.title, issue.get_kind_display(), issue.description)
            )
        _add_situation(packet, regions, round_, lang)
    return packet


def _add_situation(packet: Packet, regions, round_, lang: str) -> None:
    """Key indicators and the analyses of the round, read from the situational picture when it is installed."""
    try:
        from alke.situation.models import Analysis, Indicator
        from alke.situation.selectors import indicator_value
    except ImportError:  # the situational picture capability is not installed
        return
    key = list(Indicator.objects.filter(is_active=True, is_key=True).order_by("order", "code")[:8])
    for region in regions:
        if region is None:
            continue
        for indicator in key:
            value = indicator_value(region.code, indicator.code)
            if value is not None:
                packet.indicators.append(
                    IndicatorRow(
                        name=_name(indicator, lang),
                        region=_name(region, lang),
                        value=str(value).replace(".", ","),  # Finnish and Swedish decimal comma
                        unit=localized(indicator, "unit", lang),
                    )
                )
        for analysis in Analysis.objects.filter(region=region, round=round_).select_related("organisation"):
            packet.analyses.append(
                (
                    f"{_name(region, lang)} – {analysis.get_section_display()}",
                    _name(analysis.organisation, lang),
                    analysis.text,
                )
            )


def filename(packet: Packet, agenda: Agenda, fmt: str) -> str:
    base = slugify(f"{packet.round_name}-{packet.subtitle}")[:80] or f"agenda-{agenda.pk}"
    return f"{base}-{packet.lang}.{fmt}"


def render_docx(packet: Packet) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    labels = packet.labels
    doc = Document()
    doc.core_properties.title = packet.title
    doc.core_properties.language = packet.lang
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10.5)
    doc.add_heading(packet.title, level=0)
    sub = doc.add_paragraph(packet.subtitle)
    sub.runs[0].bold = True
    if packet.is_demo:
        warn = doc.add_paragraph(labels["demo"])
        warn.runs[0].font.color.rgb = RGBColor(0x9A, 0x34, 0x12)
        warn.alignment = WD_ALIGN_PARAGRAPH.LEFT
    doc.add_paragraph(
        f"{labels['session']}: {packet.session_minutes} min · {labels['total']}: {packet.planned_minutes} min"
        f" · {labels['agenda_status']}: {packet.status}"
    )

    doc.add_heading(f"1. {labels['agenda']}", level=1)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        [labels["time"], labels["item"], labels["minutes"], labels["ministries"], labels["linked"]],
        strict=True,
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for item in packet.items:
        row = table.add_row().cells
        row[0].text = item.starts
        row[1].text = f"{item.number}. {item.title}"
        if item.description:
            row[1].add_paragraph(item.description)
        row[2].text = str(item.minutes)
        row[3].text = ", ".join(item.ministries)
        row[4].text = "; ".join(item.proposals)

    doc.add_heading(f"2. {labels['all_ministries']}", level=1)
    for name in packet.ministries or [labels["none"]]:
        doc.add_paragraph(name, style="List Bullet")

    doc.add_heading(f"3. {labels['proposals']}", level=1)
    if not packet.proposals:
        doc.add_paragraph(labels["none"])
    for number, proposal in enumerate(packet.proposals, start=1):
        doc.add_heading(f"3.{number} {proposal.title}", level=2)
        grid = doc.add_table(rows=0, cols=2)
        grid.style = "Table Grid"
        for label, value in [
            (labels["region"], proposal.region),
            (labels["status"], proposal.status),
            (labels["kind"], proposal.kind),
            (labels["branches"], ", ".join(proposal.ministries)),
            (labels["objectives"], "; ".join(proposal.objectives)),
            (labels["priorities"], "; ".join(proposal.priorities)),
            (labels["themes"], "; ".join(proposal.themes)),
            (labels["indicators"], "; ".join(proposal.indicators)),
        ]:
            cells = grid.add_row().cells
            cells[0].text = label
            cells[1].text = value or "–"
        doc.add_paragraph(labels["description"]).runs[0].bold = True
        doc.add_paragraph(proposal.description)
        if proposal.request:
            doc.add_paragraph(labels["request"]).runs[0].bold = True
            doc.add_paragraph(proposal.request)

    doc.add_heading(f"4. {labels['issues']}", level=1)
    if not packet.issues:
        doc.add_paragraph(labels["none"])
    for ministry, title, kind, description in packet.issues:
        doc.add_heading(f"{ministry}: {title}", level=2)
        doc.add_paragraph(f"{labels['kind']}: {kind}")
        doc.add_paragraph(description)

    doc.add_heading(f"5. {labels['situation']}", level=1)
    if not packet.indicators and not packet.analyses:
        doc.add_paragraph(labels["no_situation"])
    if packet.indicators:
        doc.add_heading(labels["key_indicators"], level=2)
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            [labels["region"], labels["indicators"], labels["value"], labels["unit"]],
            strict=True,
        ):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in packet.indicators:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text, cells[3].text = (
                row.region,
                row.name,
                row.value,
                row.unit,
            )
    if packet.analyses:
        doc.add_heading(labels["analyses"], level=2)
        for heading, author, text in packet.analyses:
            doc.add_paragraph(f"{heading} ({author})").runs[0].bold = True
            doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def render_html(packet: Packet) -> str:
    with translation.override(packet.lang):
        return render_to_string("agenda/packet.html", {"packet": packet, "labels": packet.labels})


def render_pdf(packet: Packet) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(packet)).write_pdf()


def render_packet(agenda: Agenda, lang: str, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the packet in `lang` and `fmt` ("docx" or "pdf")."""
    packet = build_packet(agenda, lang)
    if fmt == "docx":
        content = render_docx(packet)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        content = render_pdf(packet)
        content_type = "application/pdf"
    return content, content_type, filename(packet, agenda, fmt)
