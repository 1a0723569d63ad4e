"""The policy frame an agenda item links to: statutory objectives, decision priorities, themes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from alke.core.models import AuditedModel, TrilingualNameMixin, localized


class StatutoryObjective(AuditedModel):
    """One of the statutory objectives of regional development (law 756/2021 § 2)."""

    number = models.PositiveSmallIntegerField(_("numero"), unique=True)
    text_fi = models.TextField(_("teksti suomeksi"))
    text_sv = models.TextField(_("teksti ruotsiksi"), blank=True)
    text_en = models.TextField(_("teksti englanniksi"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("lakisääteinen tavoite")
        verbose_name_plural = _("lakisääteiset tavoitteet")

    @property
    def text(self) -> str:
        return localized(self, "text")

    def __str__(self) -> str:
        return f"{self.number}) {self.text}"


class DevelopmentDecision(TrilingualNameMixin, AuditedModel):
    """The Government's regional development decision for a government term."""

    code = models.CharField(_("kausi"), max_length=16, unique=True)
    valid_from = models.DateField(_("alkaen"))
    valid_to = models.DateField(_("päättyen"))
    adopted_on = models.DateField(_("hyväksytty"), null=True, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("aluekehittämispäätös")
        verbose_name_plural = _("aluekehittämispäätökset")

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"


class DecisionPriority(TrilingualNameMixin, AuditedModel):
    """A priority, cross-cutting theme or precondition of a regional development decision."""

    class Kind(models.TextChoices):
        PRIORITY = "priority", _("painopiste")
        CROSS_CUTTING = "cross_cutting", _("läpileikkaava teema")
        PRECONDITION = "precondition", _("edellytys")

    decision = models.ForeignKey(DevelopmentDecision, on_delete=models.CASCADE, related_name="priorities")
    kind = models.CharField(_("laji"), max_length=16, choices=Kind.choices, default=Kind.PRIORITY)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["decision", "order"]
        verbose_name = _("painopiste")
        verbose_name_plural = _("painopisteet")
        constraints = [
            models.UniqueConstraint(fields=["decision", "name_fi"], name="unique_priority_per_decision")
        ]


class Theme(TrilingualNameMixin, AuditedModel):
    """A discussion theme. The common theme (set by AUNE) is on every region's agenda."""

    slug = models.SlugField(_("tunniste"), max_length=64, unique=True)
    is_common = models.BooleanField(_("kaikille yhteinen teema"), default=False)
    source = models.CharField(_("lähde"), max_length=255, blank=True)

    class Meta:
        ordering = ["-is_common", "name_fi"]
        verbose_name = _("teema")
        verbose_name_plural = _("teemat")


class SubTheme(AuditedModel):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="subthemes")
    name_fi = models.CharField(_("nimi"), max_length=255)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["theme", "order"]
        verbose_name = _("alateema")
        verbose_name_plural = _("alateemat")
        constraints = [models.UniqueConstraint(fields=["theme", "name_fi"], name="unique_subtheme")]

    def __str__(self) -> str:
        return self.name_fi
