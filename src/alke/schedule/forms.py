"""Forms of the scheduling pages; each field has a label and errors name the problem."""

from __future__ import annotations

from datetime import date, datetime, time

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from alke.regions.models import Ministry, Region
from alke.schedule.models import Session, TimeSlot, Timetable


def _parse_slots(text: str) -> list[tuple[time, time]]:
    slots = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace("–", "-").split("-")]
        try:
            if len(parts) != 2:
                raise ValueError
            start, end = (datetime.strptime(p.replace(".", ":"), "%H:%M").time() for p in parts)
        except ValueError:
            raise forms.ValidationError(
                _("Rivi %(n)s: %(line)s ei ole muotoa 9.00-11.30."), params={"n": number, "line": line}
            ) from None
        if end <= start:
            raise forms.ValidationError(_("Rivi %(n)s: loppu ei ole alun jälkeen."), params={"n": number})
        slots.append((start, end))
    if not slots:
        raise forms.ValidationError(_("Anna vähintään yksi aikaikkuna."))
    return slots


def _parse_days(text: str) -> list[tuple[date, str]]:
    days = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        head, _sep, reason = line.partition(" ")
        parsed = None
        for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                parsed = datetime.strptime(head, fmt).date()
                break
            except ValueError:
                continue
        if parsed is None:
            raise forms.ValidationError(
                _("Rivi %(n)s: %(value)s ei ole päivämäärä (31.12.2026 tai 2026-12-31)."),
                params={"n": number, "value": head},
            )
        days.append((parsed, reason.strip()[:200]))
    return days


class TimetableForm(forms.Form):
    first_day = forms.DateField(label=_("Ensimmäinen päivä"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label=_("Viimeinen päivä"), widget=forms.DateInput(attrs={"type": "date"}))
    slots = forms.CharField(
        label=_("Päivän aikaikkunat"),
        help_text=_(
            "Yksi riville, esim. 9.00-11.30. Päivässä käydään enintään yksi keskustelu aikaikkunaa kohden."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    non_working = forms.CharField(
        label=_("Muut vapaapäivät"),
        required=False,
        help_text=_(
            "Yksi riville: päivämäärä ja syy, esim. 20.11.2026 Aluekehittämispäivät. "
            "Viikonloput ja Suomen yleiset vapaapäivät jätetään pois automaattisesti."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_slots(self):
        return _parse_slots(self.cleaned_data["slots"])

    def clean_non_working(self):
        return _parse_days(self.cleaned_data.get("non_working", ""))

    def clean(self):
        data = super().clean()
        if data.get("first_day") and data.get("last_day") and data["last_day"] < data["first_day"]:
            self.add_error("last_day", _("Viimeinen päivä on ennen ensimmäistä päivää."))
        return data

    @staticmethod
    def initial_for(timetable: Timetable | None, round_) -> dict:
        if timetable is None:
            year = round_.year
            return {
                "first_day": date(year, 11, 2),
                "last_day": date(year, 11, 27),
                "slots": "9.00-11.30\n12.30-15.00",
                "non_working": "",
            }
        return {
            "first_day": timetable.first_day,
            "last_day": timetable.last_day,
            "slots": "\n".join(f"{s.start:%H.%M}-{s.end:%H.%M}" for s in timetable.slots.all()),
            "non_working": "\n".join(
                f"{d.date:%d.%m.%Y} {d.reason}".strip() for d in timetable.non_working_days.all()
            ),
        }


class SessionForm(forms.ModelForm):
    online_url = forms.URLField(label=_("Etäyhteyden osoite"), required=False, assume_scheme="https")
    regions = forms.ModelMultipleChoiceField(
        label=_("Maakunnat"),
        queryset=Region.objects.mainland(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ministries = forms.ModelMultipleChoiceField(
        label=_("Ministeriöt"),
        queryset=Ministry.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Session
        fields = [
            "code",
            "kind",
            "title_fi",
            "title_sv",
            "title_en",
            "minutes",
            "location",
            "online_url",
            "agenda",
            "regions",
            "ministries",
        ]

    def __init__(self, *args, timetable: Timetable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda"].queryset = self.fields["agenda"].queryset.filter(round=timetable.round)
        self.fields["agenda"].required = False
        self.fields["minutes"].min_value = 15

    def clean(self):
        data = super().clean()
        if not data.get("regions") and not data.get("ministries"):
            raise forms.ValidationError(_("Valitse vähintään yksi osapuoli (maakunta tai ministeriö)."))
        return data


class MoveForm(forms.Form):
    date = forms.TypedChoiceField(label=_("Päivä"), coerce=date.fromisoformat)
    slot = forms.ModelChoiceField(label=_("Aikaikkuna"), queryset=TimeSlot.objects.none())
    lock = forms.BooleanField(
        label=_("Lukitse, jotta uudelleenratkaisu pitää sen paikallaan"), required=False, initial=True
    )

    def __init__(self, *args, timetable: Timetable, days: list[date], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].choices = [(d.isoformat(), date_format(d, "D j.n.Y")) for d in days]
        self.fields["slot"].queryset = timetable.slots.all()


def parse_availability(post, days: list[date], slots: list[TimeSlot]):
    """The calendar form's checkboxes -> (unavailable days, unavailable (day, slot id), preferred days)."""
    off, off_slots, preferred = [], [], []
    for day in days:
        key = day.isoformat()
        if post.get(f"day-{key}"):
            off.append(day)
        if post.get(f"pref-{key}"):
            preferred.append(day)
        for slot in slots:
            if post.get(f"slot-{key}-{slot.pk}"):
                off_slots.append((day, slot.pk))
    return off, off_slots, preferred
