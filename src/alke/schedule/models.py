"""The timetable of a round's discussions: window and daily slots, sessions, the parties' availability."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alke.core.models import AuditedModel, localized


class Timetable(AuditedModel):
    """The discussion timetable of one round: the window, its state and the last solve."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("luonnos")
        PUBLISHED = "published", _("julkaistu")

    round = models.OneToOneField(
        "rounds.Round", verbose_name=_("kierros"), on_delete=models.CASCADE, related_name="timetable"
    )
    first_day = models.DateField(_("ensimmäinen päivä"))
    last_day = models.DateField(_("viimeinen päivä"))
    status = models.CharField(_("tila"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("julkaistu"), null=True, blank=True)
    solver_status = models.CharField(_("ratkaisun tila"), max_length=12, blank=True)
    solved_at = models.DateTimeField(_("ratkaistu"), null=True, blank=True)
    solve_seconds = models.FloatField(_("ratkaisuaika (s)"), null=True, blank=True)
    preference_weight = models.PositiveIntegerField(_("toteutuneiden toiveiden paino"), null=True, blank=True)
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["-round__year"]
        verbose_name = _("aikataulu")
        verbose_name_plural = _("aikataulut")

    def __str__(self) -> str:
        return f"{self.round}: {self._meta.verbose_name}"

    def get_absolute_url(self) -> str:
        return reverse("schedule:timetable", args=[self.round.year])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean(self) -> None:
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("Viimeinen päivä on ennen ensimmäistä päivää.")})


class TimeSlot(AuditedModel):
    """One of the day's discussion slots, e.g. 9.00–11.30; the same slots apply to every working day."""

    timetable = models.ForeignKey(Timetable, on_delete=models.CASCADE, related_name="slots")
    start = models.TimeField(_("alkaa"))
    end = models.TimeField(_("päättyy"))

    class Meta:
        ordering = ["timetable", "start", "end"]
        verbose_name = _("aikaikkuna")
        verbose_name_plural = _("aikaikkunat")

    def __str__(self) -> str:
        return f"{self.start:%H.%M}–{self.end:%H.%M}"

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


class NonWorkingDay(AuditedModel):
    """A day the coordinator excludes in addition to weekends and Finnish public holidays."""

    timetable = models.ForeignKey(Timetable, on_delete=models.CASCADE, related_name="non_working_days")
    date = models.DateField(_("päivä"))
    reason = models.CharField(_("syy"), max_length=200, blank=True)

    class Meta:
        ordering = ["timetable", "date"]
        verbose_name = _("muu vapaapäivä")
        verbose_name_plural = _("muut vapaapäivät")
        constraints = [models.UniqueConstraint(fields=["timetable", "date"], name="unique_non_working_day")]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}"


class Session(AuditedModel):
    """One discussion with its parties; `date` and `slot` are empty until it is scheduled."""

    class Kind(models.TextChoices):
        REGION = "region", _("maakunnan keskustelu")
        JOINT = "joint", _("usean maakunnan yhteinen keskustelu")
        DEEPENING = "deepening", _("syventävä keskustelu")
        MACRO = "macro", _("makroalueen tilaisuus")

    timetable = models.ForeignKey(Timetable, on_delete=models.CASCADE, related_name="sessions")
    code = models.CharField(
        _("tunnus"),
        max_length=24,
        help_text=_("Lyhyt tunnus, esim. MK02 tai YHT-1; yksilöllinen aikataulussa."),
    )
    kind = models.CharField(_("laji"), max_length=10, choices=Kind.choices, default=Kind.REGION)
    title_fi = models.CharField(_("otsikko suomeksi"), max_length=200)
    title_sv = models.CharField(_("otsikko ruotsiksi"), max_length=200, blank=True)
    title_en = models.CharField(_("otsikko englanniksi"), max_length=200, blank=True)
    minutes = models.PositiveSmallIntegerField(_("kesto (min)"), default=150)
    location = models.CharField(_("paikka"), max_length=200, blank=True)
    online_url = models.URLField(_("etäyhteyden osoite"), blank=True)
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("maakunnat"), related_name="+", blank=True
    )
    ministries = models.ManyToManyField(
        "regions.Ministry", verbose_name=_("ministeriöt"), related_name="+", blank=True
    )
    agenda = models.ForeignKey(
        "agenda.Agenda",
        verbose_name=_("agenda"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        help_text=_("Keskustelun agenda; liitetään kalenterimerkintään linkkinä."),
    )
    date = models.DateField(_("päivä"), null=True, blank=True)
    slot = models.ForeignKey(
        TimeSlot,
        verbose_name=_("aikaikkuna"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    is_locked = models.BooleanField(
        _("lukittu"),
        default=False,
        help_text=_("Lukittu keskustelu pysyy paikallaan, kun aikataulu ratkaistaan uudelleen."),
    )
    unscheduled_reason = models.TextField(_("miksi ei aikataulutettu"), blank=True)
    sequence = models.PositiveIntegerField(
        _("muutosnumero"),
        default=0,
        help_text=_("iCalendarin SEQUENCE: kasvaa jokaisesta julkaisun jälkeisestä muutoksesta."),
    )
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["timetable", "date", "slot__start", "code"]
        verbose_name = _("keskustelu")
        verbose_name_plural = _("keskustelut")
        constraints = [
            models.UniqueConstraint(fields=["timetable", "code"], name="unique_session_code"),
            models.UniqueConstraint(
                fields=["timetable", "date", "slot"],
                condition=models.Q(date__isnull=False, slot__isnull=False),
                name="one_session_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def is_scheduled(self) -> bool:
        return self.date is not None and self.slot_id is not None

    def get_absolute_url(self) -> str:
        return reverse("schedule:session", args=[self.timetable.round.year, self.pk])

    def agenda_url(self) -> str:
        """The linked agenda's page, or "" (no agenda, or the agenda pages are not installed)."""
        if self.agenda_id is None:
            return ""
        try:
            return self.agenda.get_absolute_url()
        except NoReverseMatch:
            return ""

    def starts_at(self) -> datetime | None:
        if not self.is_scheduled:
            return None
        return timezone.make_aware(datetime.combine(self.date, self.slot.start))

    def ends_at(self) -> datetime | None:
        if not self.is_scheduled:
            return None
        return timezone.make_aware(datetime.combine(self.date, self.slot.end))

    def party_codes(self) -> list[str]:
        return [r.code for r in self.regions.all()] + [m.abbreviation for m in self.ministries.all()]

    def permission_regions(self):
        return [r.pk for r in self.regions.all()]

    def permission_ministries(self):
        return [m.pk for m in self.ministries.all()]


class Availability(AuditedModel):
    """A party's mark on a date: cannot attend (the whole day or one slot) or prefers the date."""

    class Kind(models.TextChoices):
        UNAVAILABLE = "unavailable", _("ei pääse")
        PREFERRED = "preferred", _("toivottu päivä")

    timetable = models.ForeignKey(Timetable, on_delete=models.CASCADE, related_name="availability")
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("maakunta"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    ministry = models.ForeignKey(
        "regions.Ministry",
        verbose_name=_("ministeriö"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    date = models.DateField(_("päivä"))
    slot = models.ForeignKey(
        TimeSlot,
        verbose_name=_("aikaikkuna"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Tyhjä: koko päivä."),
    )
    kind = models.CharField(_("merkintä"), max_length=12, choices=Kind.choices)

    class Meta:
        ordering = ["timetable", "date", "slot__start"]
        verbose_name = _("saatavuusmerkintä")
        verbose_name_plural = _("saatavuusmerkinnät")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(region__isnull=False, ministry__isnull=True))
                | (models.Q(region__isnull=True, ministry__isnull=False)),
                name="availability_one_party",
            )
        ]

    def __str__(self) -> str:
        party = self.region or self.ministry
        return f"{party} {self.date:%d.%m.%Y} {self.get_kind_display()}"
