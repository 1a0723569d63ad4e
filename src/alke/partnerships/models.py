"""Contractual cooperation: ecosystem agreement focus areas, thematic networks, development zones."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from alke.core.models import AuditedModel, PublicQuerySet, TrilingualNameMixin


class FocusAreaGroup(TrilingualNameMixin, AuditedModel):
    """One of the three groups of ecosystem agreement focus areas 2021–2027."""

    code = models.SlugField(_("tunniste"), max_length=32, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("painopistealueiden ryhmä")
        verbose_name_plural = _("painopistealueiden ryhmät")


class FocusArea(TrilingualNameMixin, AuditedModel):
    group = models.ForeignKey(FocusAreaGroup, on_delete=models.PROTECT, related_name="areas")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["group__order", "order"]
        verbose_name = _("painopistealue")
        verbose_name_plural = _("painopistealueet")
        constraints = [models.UniqueConstraint(fields=["group", "name_fi"], name="unique_focus_area")]


class CoordinatedCooperation(TrilingualNameMixin, AuditedModel):
    """Shared shape of a thematic network and a development zone: a coordinator and a period."""

    coordinator_name = models.CharField(_("koordinaattori"), max_length=255)
    coordinator = models.ForeignKey(
        "regions.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    period_start = models.DateField(_("alkaa"))
    period_end = models.DateField(_("päättyy"))
    is_public = models.BooleanField(_("julkinen"), default=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name_fi"]

    def permission_organisations(self):
        return [self.coordinator_id]


class ThematicNetwork(CoordinatedCooperation):
    """Aluekehittämisen teemaverkosto (15 networks in 2021–23)."""

    class Meta(CoordinatedCooperation.Meta):
        verbose_name = _("teemaverkosto")
        verbose_name_plural = _("teemaverkostot")
        constraints = [models.UniqueConstraint(fields=["name_fi"], name="unique_network_name")]


class DevelopmentZone(CoordinatedCooperation):
    """Kehittämisvyöhyke (3 zones in 2021–23)."""

    class Meta(CoordinatedCooperation.Meta):
        verbose_name = _("kehittämisvyöhyke")
        verbose_name_plural = _("kehittämisvyöhykkeet")
        constraints = [models.UniqueConstraint(fields=["name_fi"], name="unique_zone_name")]
