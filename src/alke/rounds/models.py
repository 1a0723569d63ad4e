"""The annual round of regional development discussions and its phases."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alke.core.models import AuditedModel


class Phase(models.TextChoices):
    """The phases of a round, in order (see the 2017 memo and the 2021 presentation)."""

    KICK_OFF = "kick_off", _("käynnistys")
    SITUATION = "situation", _("tilannekuva")
    PROPOSALS = "proposals", _("ehdotukset")
    AGENDA = "agenda", _("agendan valmistelu")
    SCHEDULING = "scheduling", _("aikataulutus")
    DISCUSSIONS = "discussions", _("keskustelut")
    DOCUMENTS = "documents", _("yhteistyöasiakirjat")
    FOLLOW_UP = "follow_up", _("seuranta")
    FEEDBACK = "feedback", _("palaute ja kehittäminen")
    CLOSED = "closed", _("päättynyt")


PHASE_ORDER = list(Phase.values)


class Round(AuditedModel):
    """One annual round, e.g. "ALKE 2022", with the phase it is in."""

    year = models.PositiveSmallIntegerField(_("vuosi"), unique=True)
    name = models.CharField(_("nimi"), max_length=100)
    phase = models.CharField(_("vaihe"), max_length=16, choices=Phase.choices, default=Phase.KICK_OFF)
    common_theme = models.ForeignKey(
        "policy.Theme",
        verbose_name=_("yhteinen teema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    decision = models.ForeignKey(
        "policy.DevelopmentDecision",
        verbose_name=_("aluekehittämispäätös"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    session_minutes = models.PositiveSmallIntegerField(_("keskustelun kesto (min)"), default=150)
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("kierros")
        verbose_name_plural = _("kierrokset")

    def __str__(self) -> str:
        return self.name

    @property
    def phase_index(self) -> int:
        return PHASE_ORDER.index(self.phase)

    def is_at_least(self, phase: str) -> bool:
        return self.phase_index >= PHASE_ORDER.index(phase)


class RoundPhase(AuditedModel):
    """The planned dates of one phase of a round; deadlines are the end dates."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("vaihe"), max_length=16, choices=Phase.choices)
    starts_on = models.DateField(_("alkaa"))
    ends_on = models.DateField(_("päättyy (määräpäivä)"))

    class Meta:
        ordering = ["round", "starts_on"]
        verbose_name = _("kierroksen vaihe")
        verbose_name_plural = _("kierroksen vaiheet")
        constraints = [models.UniqueConstraint(fields=["round", "phase"], name="unique_round_phase")]

    def __str__(self) -> str:
        return f"{self.round}: {self.get_phase_display()}"


class Notification(models.Model):
    """A message to one user about a deadline or a status change.

    Users who want mail at once get it when the notification is created; the rest are collected into
    the daily digest (`alke send-digest`). `key` makes reminders idempotent (one per user and deadline).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("aihe"), max_length=200)
    body = models.TextField(_("viesti"), blank=True)
    url = models.CharField(_("linkki"), max_length=255, blank=True)
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("lähetetty"), null=True, blank=True)
    read_at = models.DateTimeField(_("luettu"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ilmoitus")
        verbose_name_plural = _("ilmoitukset")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="unique_notification_key"
            )
        ]

    def __str__(self) -> str:
        return self.subject
