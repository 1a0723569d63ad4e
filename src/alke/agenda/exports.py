"""The agenda and background packet in one uniform template, as DOCX (python-docx) and PDF (WeasyPrint).

Both formats are rendered from the same `Packet`, so the sections, their order and their headings are
identical: the agenda with times and the ministries that must attend, the proposals in the uniform proposal
template, the ministries' issues, and the region's situational picture (key indicators and analyses).

The header block shows when and where the discussion is, read from the agenda's session in the schedule
(`selectors.published_session`): its date, start and end, place and online link, and the items' times run
from its start. Until the timetable is published with the session in it, the packet says the time will be
confirmed later and gives each item's start in minutes from the beginning of the discussion instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from django.utils import translation
from django.utils.translation import gettext as _

from alke.agenda import selectors
from alke.agenda.models import Agenda, AgendaItem, MinistryIssue, Proposal
from alke.core import documents, formats
from alke.core.models import localized

LANGUAGES = ("fi", "sv")


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
    scheduled: bool = False
    when: str = ""  # "tiistai 12.11.2030 klo 12.30–15.00" once the session's time is published
    place: str = ""
    online_url: str = ""
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
        "when": _("Ajankohta"),
        "place": _("Paikka"),
        "online": _("Etäyhteys"),
        "unconfirmed": _("Aika vahvistetaan myöhemmin."),
        "relative": _("Alkaa (min alusta)"),
    }


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def _at(minutes: int, lang: str) -> str:
    """A time of day `minutes` after midnight, as the language writes it (12.30, 12:30)."""
    return formats.clock(time(minutes // 60 % 24, minutes % 60), lang=lang)


def _when(day: date, start: time, end: time, lang: str) -> str:
    """The date and time in `lang`, e.g. "tiistai 12.11.2030 klo 12.30–15.00"."""
    return _("%(date)s klo %(start)s–%(end)s") % {
        "date": formats.weekday_day(day, lang=lang),
        "start": formats.clock(start, lang=lang),
        "end": formats.clock(end, lang=lang),
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
        session = selectors.published_session(agenda)
        start: int | None = None
        if session is not None:
            packet.scheduled = True
            packet.when = _when(session.date, session.slot.start, session.slot.end, lang)
            packet.place = session.location
            packet.online_url = session.online_url
            start = _minutes(session.slot.start)
        else:
            packet.labels["time"] = packet.labels["relative"]
        elapsed = 0
        ministries: dict[int, str] = {}
        linked_ids: list[int] = []
        for number, item in enumerate(
            agenda.items.select_related("candidate").order_by("order", "pk"), start=1
        ):
            item_ministries = list(item.ministries.all())
            for ministry in item_ministries:
                ministries[ministry.order * 1000 + ministry.pk] = (
                    f"{ministry.abbreviation} – {_name(ministry, lang)}"
                )
            proposals = list(item.proposals.select_related("region"))
            linked_ids += [p.pk for p in proposals]
            title, description = selectors.item_text(item, lang)
            packet.items.append(
                PacketItem(
                    number=number,
                    starts=_at(start + elapsed, lang) if start is not None else f"+{elapsed}",
                    title=(
                        _("Yhteinen teema: %(theme)s") % {"theme": _name(item.theme, lang)}
                        if item.source == AgendaItem.Source.COMMON_THEME and item.theme
                        else title
                    ),
                    minutes=item.minutes,
                    source=item.get_source_display(),
                    kind=item.get_kind_display() if item.kind else "",
                    description=description,
                    ministries=[m.abbreviation for m in item_ministries],
                    proposals=[f"{p.title} ({_name(p.region, lang)})" for p in proposals],
                    indicators=[_name(i, lang) for i in item.indicators.all()],
                )
            )
            elapsed += item.minutes
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
                        value=formats.number(value, indicator.decimals, lang=lang),
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
    return documents.filename(
        f"{packet.round_name}-{packet.subtitle}", fmt, lang=packet.lang, fallback=f"agenda-{agenda.pk}"
    )


def header_lines(packet: Packet) -> list[str]:
    """The header block under the title, the same in DOCX and PDF: when, where, how long, which state."""
    labels = packet.labels
    lines = []
    if packet.scheduled:
        lines.append(f"{labels['when']}: {packet.when}")
        if packet.place:
            lines.append(f"{labels['place']}: {packet.place}")
        if packet.online_url:
            lines.append(f"{labels['online']}: {packet.online_url}")
    else:
        lines.append(labels["unconfirmed"])
    lines.append(duration_line(packet))
    return lines


def duration_line(packet: Packet) -> str:
    labels = packet.labels
    return (
        f"{labels['session']}: {packet.session_minutes} min · {labels['total']}: {packet.planned_minutes} min"
        f" · {labels['agenda_status']}: {packet.status}"
    )


def render_docx(packet: Packet) -> bytes:
    labels = packet.labels
    doc = documents.DocxDocument(
        packet.title,
        lang=packet.lang,
        subtitle=packet.subtitle,
        meta=header_lines(packet),
        demo_note=labels["demo"] if packet.is_demo else "",
    )

    doc.heading(f"1. {labels['agenda']}")
    doc.table(
        [labels["time"], labels["item"], labels["minutes"], labels["ministries"], labels["linked"]],
        [
            (
                item.starts,
                [f"{item.number}. {item.title}", *([item.description] if item.description else [])],
                item.minutes,
                ", ".join(item.ministries),
                "; ".join(item.proposals),
            )
            for item in packet.items
        ],
        right={0, 2},
    )

    doc.heading(f"2. {labels['all_ministries']}")
    doc.bullets(packet.ministries or [labels["none"]])

    doc.heading(f"3. {labels['proposals']}")
    if not packet.proposals:
        doc.paragraph(labels["none"])
    for number, proposal in enumerate(packet.proposals, start=1):
        doc.heading(f"3.{number} {proposal.title}", level=2)
        doc.fields(
            [
                (labels["region"], proposal.region),
                (labels["status"], proposal.status),
                (labels["kind"], proposal.kind),
                (labels["branches"], ", ".join(proposal.ministries)),
                (labels["objectives"], "; ".join(proposal.objectives)),
                (labels["priorities"], "; ".join(proposal.priorities)),
                (labels["themes"], "; ".join(proposal.themes)),
                (labels["indicators"], "; ".join(proposal.indicators)),
            ]
        )
        doc.heading(labels["description"], level=3)
        doc.paragraphs(proposal.description)
        if proposal.request:
            doc.heading(labels["request"], level=3)
            doc.paragraphs(proposal.request)

    doc.heading(f"4. {labels['issues']}")
    if not packet.issues:
        doc.paragraph(labels["none"])
    for ministry, title, kind, description in packet.issues:
        doc.heading(f"{ministry}: {title}", level=2)
        doc.paragraph(f"{labels['kind']}: {kind}")
        doc.paragraph(description)

    doc.heading(f"5. {labels['situation']}")
    if not packet.indicators and not packet.analyses:
        doc.paragraph(labels["no_situation"])
    if packet.indicators:
        doc.heading(labels["key_indicators"], level=2)
        doc.table(
            [labels["region"], labels["indicators"], labels["value"], labels["unit"]],
            [(row.region, row.name, row.value, row.unit) for row in packet.indicators],
            right={2},
        )
    if packet.analyses:
        doc.heading(labels["analyses"], level=2)
        for heading, author, text in packet.analyses:
            doc.heading(f"{heading} ({author})", level=3)
            doc.paragraphs(text)
    return doc.to_bytes()


def render_html(packet: Packet) -> str:
    page = documents.print_page(packet.title, lang=packet.lang, footer=packet.round_name)
    return documents.render_html(
        "agenda/packet.html",
        {"page": page, "packet": packet, "labels": packet.labels, "duration": duration_line(packet)},
        lang=packet.lang,
    )


def render_pdf(packet: Packet) -> bytes:
    return documents.pdf_bytes(render_html(packet))


def render_packet(agenda: Agenda, lang: str, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the packet in `lang` and `fmt` ("docx" or "pdf")."""
    packet = build_packet(agenda, lang)
    content = render_docx(packet) if fmt == "docx" else render_pdf(packet)
    return content, documents.CONTENT_TYPES[fmt], filename(packet, agenda, fmt)
