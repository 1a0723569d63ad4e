"""The agenda packet reads its discussion's time and place from the schedule, once the timetable is published."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from docx import Document

from alke.agenda import exports, services
from alke.rounds.models import Phase
from alke.schedule.models import Session, TimeSlot, Timetable

PLACE = "Turun kaupungintalo, Aurakatu 2"
LINK = "https://kokous.example.fi/alke-mk02"


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def first_item_time(content: bytes) -> str:
    table = Document(io.BytesIO(content)).tables[0]
    return table.rows[1].cells[0].text


@pytest.fixture
def agenda(users, round_, vs):
    round_.phase = Phase.AGENDA
    round_.save()
    agenda = services.ensure_region_agenda(users["region"], round_, vs)
    services.add_item(users["region"], agenda, title="Raideyhteydet", minutes=45)
    return agenda


@pytest.fixture
def session(round_, vs, agenda):
    """The agenda's discussion on Tuesday 12.11.2030 in the afternoon slot 12.30–15.00, timetable a draft."""
    timetable = Timetable.objects.create(
        round=round_, first_day=date(2030, 11, 4), last_day=date(2030, 11, 15)
    )
    TimeSlot.objects.create(timetable=timetable, start=time(9, 0), end=time(11, 30))
    afternoon = TimeSlot.objects.create(timetable=timetable, start=time(12, 30), end=time(15, 0))
    session = Session.objects.create(
        timetable=timetable,
        code="MK02",
        title_fi="Varsinais-Suomen keskustelu",
        location=PLACE,
        online_url=LINK,
        agenda=agenda,
        date=date(2030, 11, 12),
        slot=afternoon,
    )
    session.regions.add(vs)
    return session


def publish(session: Session) -> None:
    session.timetable.status = Timetable.Status.PUBLISHED
    session.timetable.save()


def test_published_session_in_docx_and_print_html(agenda, session):
    publish(session)
    packet = exports.build_packet(agenda, "fi")
    assert packet.scheduled and packet.when == "tiistai 12.11.2030 klo 12.30–15.00"
    # The common theme (45 min) opens the discussion; the next item runs on from it.
    assert packet.items[0].minutes == 45
    assert [item.starts for item in packet.items][:2] == ["12.30", "13.15"]

    content, _type, _name = exports.render_packet(agenda, "fi", "docx")
    text = docx_text(content)
    assert "12.11.2030" in text and "12.30–15.00" in text
    assert PLACE in text and LINK in text
    assert "vahvistetaan" not in text
    assert first_item_time(content) == "12.30"

    html = exports.render_html(packet)
    assert "12.11.2030" in html and "12.30–15.00" in html and PLACE in html
    assert f'href="{LINK}"' in html
    assert '<td class="num">12.30</td>' in html and "9.00" not in html


def test_swedish_packet_has_swedish_date(agenda, session):
    publish(session)
    content, _type, _name = exports.render_packet(agenda, "sv", "docx")
    text = docx_text(content)
    assert "tisdag 12.11.2030 kl. 12.30–15.00" in text
    assert "Plats: " + PLACE in text
    assert first_item_time(content) == "12.30"


@pytest.mark.parametrize(
    "lang, note", [("fi", "Aika vahvistetaan myöhemmin."), ("sv", "Tiden bekräftas senare.")]
)
def test_unpublished_timetable_shows_no_date(agenda, session, lang, note):
    """A draft timetable's placement is the coordinator's working copy: the packet does not reveal it."""
    content, _type, _name = exports.render_packet(agenda, lang, "docx")
    text = docx_text(content)
    assert note in text
    assert "12.11.2030" not in text and "12.30" not in text and PLACE not in text and LINK not in text
    assert "9.00" not in text  # no invented start time either
    assert first_item_time(content) == "+0"

    html = exports.render_html(exports.build_packet(agenda, lang))
    assert note in html and "12.11.2030" not in html and PLACE not in html


def test_published_but_unscheduled_and_no_session(agenda, session):
    publish(session)
    Session.objects.filter(pk=session.pk).update(date=None, slot=None)
    packet = exports.build_packet(agenda, "fi")
    assert not packet.scheduled and [i.starts for i in packet.items][:2] == [
        "+0",
        f"+{packet.items[0].minutes}",
    ]
    assert packet.labels["time"] == "Alkaa (min alusta)"

    session.delete()
    html = exports.render_html(exports.build_packet(agenda, "fi"))
    assert "Aika vahvistetaan myöhemmin." in html and '<td class="num">+0</td>' in html


def test_pdf_still_renders_with_the_session(agenda, session):
    publish(session)
    content, content_type, _name = exports.render_packet(agenda, "sv", "pdf")
    assert content.startswith(b"%PDF") and content_type == "application/pdf"
