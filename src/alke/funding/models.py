"""The AKKE funding: a round's appropriation, its split to the regions, funded entities and the ledger.

The contractual cooperation appropriation (budget item 32.30.40) is split by a formula (an equal share
and the rest by population); each region's share is agreed as entities (kokonaisuudet) linked to the
conclusions they fund, and commitments and payments are booked against each entity.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from alke.agreements.models import Conclusion
from alke.core.models import AuditedModel, localized

CENT = Decimal("0.01")


class Appropriation(AuditedModel):
    """The contractual cooperation appropriation of a round (AKKE, budget item 32.30.40)."""

    round = models.ForeignKey("rounds.Round", on_delete=models.PROTECT, related_name="appropriations")
    budget_item = models.CharField(
        _("momentti"),
        max_length=16,
        default="32.30.40",
        help_text=_("Talousarvion momentti, esim. 32.30.40."),
    )
    name = models.CharField(
        _("nimi"), max_length=255, default="Alueiden kestävän kasvun ja elinvoiman tukeminen (AKKE)"
    )
    total = models.DecimalField(
        _("määräraha yhteensä (€)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    equal_share_percent = models.DecimalField(
        _("tasan jaettava osuus (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Loppuosa jaetaan väkiluvun suhteessa."),
    )
    population_year = models.PositiveSmallIntegerField(_("väkiluvun vuosi"), null=True, blank=True)
    decision_reference = models.CharField(_("päätös"), max_length=255, blank=True)
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["round", "budget_item"]
        verbose_name = _("määräraha")
        verbose_name_plural = _("määrärahat")
        constraints = [
            models.UniqueConstraint(fields=["round", "budget_item"], name="unique_appropriation_item")
        ]

    def __str__(self) -> str:
        return f"{self.budget_item} {self.round.name}"


class RegionAllocation(AuditedModel):
    """A region's share of an appropriation: the formula's proposal and the agreed amount."""

    appropriation = models.ForeignKey(Appropriation, on_delete=models.CASCADE, related_name="allocations")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="allocations")
    population = models.PositiveIntegerField(_("väkiluku"), null=True, blank=True)
    proposed_amount = models.DecimalField(
        _("kaavan ehdotus (€)"), max_digits=14, decimal_places=2, default=CENT * 0
    )
    amount = models.DecimalField(_("kohdennettu (€)"), max_digits=14, decimal_places=2, default=CENT * 0)

    class Meta:
        ordering = ["appropriation", "region__code"]
        verbose_name = _("maakunnan osuus")
        verbose_name_plural = _("maakuntien osuudet")
        constraints = [
            models.UniqueConstraint(fields=["appropriation", "region"], name="unique_region_allocation"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="allocation_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.appropriation}: {self.region}"

    def permission_regions(self) -> list[int]:
        return [self.region_id]


class FundedEntity(AuditedModel):
    """An agreed entity (kokonaisuus) funded from a region's share."""

    allocation = models.ForeignKey(RegionAllocation, on_delete=models.CASCADE, related_name="entities")
    conclusion = models.ForeignKey(
        Conclusion,
        verbose_name=_("johtopäätös"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funded_entities",
    )
    name_fi = models.CharField(_("kokonaisuus"), max_length=255)
    name_sv = models.CharField(_("kokonaisuus ruotsiksi"), max_length=255, blank=True)
    recipient = models.CharField(_("toteuttaja"), max_length=255, blank=True)
    amount = models.DecimalField(_("summa (€)"), max_digits=14, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["allocation", "order", "pk"]
        verbose_name = _("rahoitettava kokonaisuus")
        verbose_name_plural = _("rahoitettavat kokonaisuudet")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="entity_amount_positive")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    def permission_regions(self) -> list[int]:
        return [self.allocation.region_id]


class LedgerEntry(AuditedModel):
    """A commitment or payment (or a released commitment) booked against a funded entity."""

    class Kind(models.TextChoices):
        COMMITMENT = "commitment", _("sidottu")
        PAYMENT = "payment", _("maksettu")
        RELEASE = "release", _("vapautettu sidonta")

    entity = models.ForeignKey(FundedEntity, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(_("laji"), max_length=12, choices=Kind.choices)
    amount = models.DecimalField(_("summa (€)"), max_digits=14, decimal_places=2)
    booked_on = models.DateField(_("päivä"))
    reference = models.CharField(_("viite"), max_length=100, help_text=_("Päätöksen tai maksun tunniste."))
    note = models.CharField(_("lisätieto"), max_length=255, blank=True)
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["entity", "booked_on", "pk"]
        verbose_name = _("kirjaus")
        verbose_name_plural = _("kirjaukset")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ledger_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} € {self.booked_on}"

    def permission_regions(self) -> list[int]:
        return [self.entity.allocation.region_id]
