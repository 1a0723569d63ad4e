"""iCalendar (RFC 5545): one file per session and one feed per party.

Events carry a stable UID, a SEQUENCE that grows with every change after publication (so calendar
programs replace the old event), local times with the Europe/Helsinki VTIMEZONE, the place or online
link, and the agenda linked with ATTACH when the session has one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.utils import timezone

from alke.schedule.models import Session

if TYPE_CHECKING:  # loaded where used, not when the app starts
    from icalendar import Calendar, Event

HELSINKI = ZoneInfo("Europe/Helsinki")
FEED_SALT = "alke.schedule.feed"


def _site() -> str:
    return settings.SITE_URL.rstrip("/")


def _uid_host() -> str:
    host = _site().split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host or "alke"


def _calendar(name: str) -> Calendar:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//alke//schedule//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Helsinki")
    return cal


def session_event(session: Session, stamp: datetime | None = None) -> Event:
    """The VEVENT of a scheduled session."""
    from icalendar import Event, vCalAddress, vText

    event = Event()
    event.add("uid", f"alke-session-{session.pk}@{_uid_host()}")
    event.add("dtstamp", (stamp or timezone.now()).astimezone(ZoneInfo("UTC")))
    event.add("sequence", session.sequence)
    start = datetime.combine(session.date, session.slot.start, tzinfo=HELSINKI)
    end = datetime.combine(session.date, session.slot.end, tzinfo=HELSINKI)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"{session.timetable.round}: {session.title_fi}")
    parties = ", ".join(session.party_codes())
    url = f"{_site()}{session.get_absolute_url()}"
    lines = [session.get_kind_display(), f"Osapuolet / Parter / Parties: {parties}"]
    if session.online_url:
        lines.append(f"Etäyhteys / Distans / Online: {session.online_url}")
    if session.agenda_url():
        agenda_url = f"{_site()}{session.agenda_url()}"
        lines.append(f"Agenda: {agenda_url}")
        event.add("attach", agenda_url, parameters={"FMTTYPE": "text/html"})
    lines.append(url)
    event.add("description", "\n".join(lines))
    location = session.location or session.online_url
    if location:
        event.add("location", vText(location))
    event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("categories", [session.kind])
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = vText("TEM / ALKE")
    event.add("organizer", organizer)
    return event


def calendar_bytes(name: str, sessions: Iterable[Session]) -> bytes:
    """A VCALENDAR with one event per scheduled session and the time zone they use."""
    cal = _calendar(name)
    stamp = timezone.now()
    for session in sessions:
        if session.is_scheduled:
            cal.add_component(session_event(session, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()


def feed_token(party_code: str) -> str:
    """A signed token that lets a calendar program (which cannot sign in) read one party's feed."""
    return signing.Signer(salt=FEED_SALT).sign(party_code.upper()).split(":", 1)[1]


def feed_token_valid(party_code: str, token: str) -> bool:
    try:
        return signing.Signer(salt=FEED_SALT).unsign(f"{party_code.upper()}:{token}") == party_code.upper()
    except signing.BadSignature:
        return False
