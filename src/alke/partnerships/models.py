"""Contractual cooperation: ecosystem agreements (with their growth and bridge agreement
generations), thematic networks and development zones, with funding, contacts and documents.

Who may edit a record is decided by its organisations: the coordinator, the contracting parties
(for agreements) and the organisations of its contact people (see `permission_organisations`).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
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


class Framework(TrilingualNameMixin, AuditedModel):
    """A policy frame an ecosystem agreement serves (national RDI roadmap, urban policy, …)."""

    code = models.SlugField(_("tunniste"), max_length=32, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("kehys")
        verbose_name_plural = _("kehykset")


class PartnershipRecord(AuditedModel):
    """What agreements, networks and zones share: content, members, regions and provenance."""

    description = models.TextField(_("kuvaus"), blank=True)
    goals = models.TextField(_("tavoitteet"), blank=True)
    results = models.TextField(_("tulokset"), blank=True)
    member_organisations = models.ManyToManyField(
        "regions.Organisation", verbose_name=_("jäsenorganisaatiot"), blank=True, related_name="+"
    )
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("maakunnat"), blank=True, related_name="+"
    )
    is_national = models.BooleanField(_("valtakunnallinen"), default=False)
    is_public = models.BooleanField(_("julkinen"), default=True)
    source = models.CharField(_("lähde"), max_length=255, blank=True)
    uncertain_note = models.CharField(
        _("epävarmat tiedot"),
        max_length=500,
        blank=True,
        help_text=_("Mikä tiedoista on epävarmaa tai tarkistamatta."),
    )
    # Names of the fields whose content was invented for the demo (shown with a demo tag).
    demo_fields = models.JSONField(_("demosisältöä olevat kentät"), default=list, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        abstract = True

    kind: str = ""

    def is_demo_field(self, name: str) -> bool:
        return name in (self.demo_fields or [])

    def permission_organisations(self) -> list[int]:
        """The record's own organisations: coordinator and its contact people's organisations."""
        ids = {self.coordinator_id}
        if self.pk:
            ids.update(self.contacts.values_list("organisation_id", flat=True))
        return [i for i in ids if i is not None]

    def get_absolute_url(self) -> str:
        return reverse(f"partnerships:{self.kind}_detail", args=[self.pk])


class CoordinatedCooperation(TrilingualNameMixin, PartnershipRecord):
    """Shared shape of a thematic network and a development zone: a coordinator and a period."""

    coordinator_name = models.CharField(_("koordinaattori"), max_length=255)
    coordinator = models.ForeignKey(
        "regions.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    period_start = models.DateField(_("alkaa"))
    period_end = models.DateField(_("päättyy"))

    class Meta:
        abstract = True
        ordering = ["name_fi"]

    @property
    def is_active(self) -> bool:
        return self.period_start <= timezone.localdate() <= self.period_end


class ThematicNetwork(CoordinatedCooperation):
    """Aluekehittämisen teemaverkosto (15 networks in 2021–23)."""

    kind = "network"

    class Meta(CoordinatedCooperation.Meta):
        verbose_name = _("teemaverkosto")
        verbose_name_plural = _("teemaverkostot")
        constraints = [models.UniqueConstraint(fields=["name_fi"], name="unique_network_name")]


class DevelopmentZone(CoordinatedCooperation):
    """Kehittämisvyöhyke (3 zones in 2021–23)."""

    kind = "zone"

    class Meta(CoordinatedCooperation.Meta):
        verbose_name = _("kehittämisvyöhyke")
        verbose_name_plural = _("kehittämisvyöhykkeet")
        constraints = [models.UniqueConstraint(fields=["name_fi"], name="unique_zone_name")]


class EcosystemAgreement(TrilingualNameMixin, PartnershipRecord):
    """A state–city (or state–region) agreement. Growth and bridge agreements are its earlier
    generations: each generation is a row, and `predecessor` links it to the one before."""

    class Generation(models.TextChoices):
        GROWTH = "growth", _("kasvusopimus")
        BRIDGE = "bridge", _("siltasopimus")
        ECOSYSTEM = "ecosystem", _("ekosysteemisopimus")

    class Status(models.TextChoices):
        PREPARATION = "preparation", _("valmistelussa")
        ACTIVE = "active", _("voimassa")
        ENDED = "ended", _("päättynyt")

    kind = "agreement"

    slug = models.SlugField(_("tunniste"), max_length=64, unique=True)
    generation = models.CharField(
        _("sopimussukupolvi"), max_length=12, choices=Generation.choices, default=Generation.ECOSYSTEM
    )
    city_name = models.CharField(_("kaupunki tai kaupunkiseutu"), max_length=255, blank=True)
    coordinator = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("vastuuorganisaatio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipalities = models.ManyToManyField(
        "regions.Municipality", verbose_name=_("sopijakunnat"), blank=True, related_name="+"
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("edeltävä sopimus"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
    )
    signed_on = models.DateField(_("allekirjoitettu"), null=True, blank=True)
    period_start = models.DateField(_("alkaa"))
    period_end = models.DateField(_("päättyy"))
    status = models.CharField(_("tila"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("painopistealueet"), blank=True, related_name="agreements"
    )
    frameworks = models.ManyToManyField(
        Framework, verbose_name=_("kehykset"), blank=True, related_name="agreements"
    )

    class Meta:
        ordering = ["-period_start", "name_fi"]
        verbose_name = _("kaupunki- tai aluesopimus")
        verbose_name_plural = _("kaupunki- ja aluesopimukset")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="agreement_period_order"
            )
        ]

    def permission_organisations(self) -> list[int]:
        """Coordinator, contracting cities (member organisations of kind city) and contacts."""
        ids = set(super().permission_organisations())
        if self.pk:
            ids.update(self.member_organisations.filter(kind="city").values_list("pk", flat=True))
        return sorted(ids)

    def lineage(self) -> list[EcosystemAgreement]:
        """Earlier generations, oldest first (the chain of predecessors)."""
        chain, seen, current = [], {self.pk}, self.predecessor
        while current is not None and current.pk not in seen:
            chain.append(current)
            seen.add(current.pk)
            current = current.predecessor
        return list(reversed(chain))

    @property
    def coordinator_name(self) -> str:
        return self.coordinator.name if self.coordinator else ""

    def covers(self, day: date) -> bool:
        return self.period_start <= day <= self.period_end


class RecordDetail(AuditedModel):
    """A row that belongs to exactly one agreement, network or zone."""

    agreement = models.ForeignKey(
        EcosystemAgreement, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    network = models.ForeignKey(
        ThematicNetwork, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    zone = models.ForeignKey(
        DevelopmentZone, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    PARENTS = ("agreement", "network", "zone")

    class Meta:
        abstract = True

    @property
    def record(self):
        return self.agreement or self.network or self.zone

    def permission_organisations(self) -> list[int]:
        return self.record.permission_organisations()

    @classmethod
    def one_parent(cls, name: str) -> models.CheckConstraint:
        only = [Q(**{f"{p}__isnull": p != chosen for p in cls.PARENTS}) for chosen in cls.PARENTS]
        condition = only[0] | only[1] | only[2]
        return models.CheckConstraint(condition=condition, name=name)


class Funding(RecordDetail):
    """Money for a record from one source in one year (euros, with cents)."""

    class Source(models.TextChoices):
        EU_SUD = "eu_sud", _("EU:n kestävä kaupunkikehittäminen (EAKR)")
        AKKE = "akke", _("AKKE-määräraha (32.30.40)")
        STATE = "state", _("muu valtion rahoitus")
        MUNICIPAL = "municipal", _("kuntarahoitus")
        OTHER = "other", _("muu rahoitus")

    source = models.CharField(_("rahoituslähde"), max_length=12, choices=Source.choices)
    year = models.PositiveSmallIntegerField(_("vuosi"))
    amount = models.DecimalField(_("summa (€)"), max_digits=14, decimal_places=2)
    note = models.CharField(_("huomautus"), max_length=255, blank=True)

    class Meta:
        ordering = ["year", "source"]
        verbose_name = _("rahoitus")
        verbose_name_plural = _("rahoitus")
        constraints = [
            RecordDetail.one_parent("funding_one_parent"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_not_negative"),
            models.UniqueConstraint(
                fields=["agreement", "source", "year"],
                condition=Q(agreement__isnull=False),
                name="funding_agreement_source_year",
            ),
            models.UniqueConstraint(
                fields=["network", "source", "year"],
                condition=Q(network__isnull=False),
                name="funding_network_source_year",
            ),
            models.UniqueConstraint(
                fields=["zone", "source", "year"],
                condition=Q(zone__isnull=False),
                name="funding_zone_source_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record} {self.year} {self.get_source_display()}: {self.amount} €"


class Contact(RecordDetail):
    """A contact person of a record; their organisation counts as the record's own."""

    name = models.CharField(_("nimi"), max_length=255)
    title = models.CharField(_("tehtävä"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("organisaatio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("sähköposti"), blank=True)
    phone = models.CharField(_("puhelin"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("yhteyshenkilö")
        verbose_name_plural = _("yhteyshenkilöt")
        constraints = [RecordDetail.one_parent("contact_one_parent")]

    def __str__(self) -> str:
        return self.name

    def permission_organisations(self) -> list[int]:
        # Removing or editing a contact is judged by the record, not by the contact's own org alone.
        return self.record.permission_organisations()


class Document(RecordDetail):
    """A published document of a record (the agreement text, a report, a plan), by its address."""

    title = models.CharField(_("otsikko"), max_length=255)
    url = models.URLField(_("osoite"), max_length=500)
    published_on = models.DateField(_("julkaistu"), null=True, blank=True)

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("asiakirja")
        verbose_name_plural = _("asiakirjat")
        constraints = [RecordDetail.one_parent("document_one_parent")]

    def __str__(self) -> str:
        return self.title
