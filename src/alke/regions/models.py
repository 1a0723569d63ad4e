"""Reference data: regions, municipalities, ministries and the organisations people belong to."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alke.core.models import AuditedModel, TrilingualNameMixin, localized


class RegionQuerySet(models.QuerySet):
    def mainland(self):
        """The 18 mainland regions that take part in the ALKE process (Åland is autonomous)."""
        return self.filter(is_mainland=True)


class Region(TrilingualNameMixin, AuditedModel):
    """A maakunta. `code` is the StatFin form (MK01); `number` the classification code (01)."""

    code = models.CharField(_("koodi"), max_length=4, unique=True)
    number = models.CharField(_("numero"), max_length=2, unique=True)
    nuts3_code = models.CharField(_("NUTS3-koodi"), max_length=5, blank=True)
    council_name_fi = models.CharField(_("maakunnan liitto"), max_length=255, blank=True)
    council_name_sv = models.CharField(_("maakunnan liitto ruotsiksi"), max_length=255, blank=True)
    council_name_en = models.CharField(_("maakunnan liitto englanniksi"), max_length=255, blank=True)
    is_mainland = models.BooleanField(_("mannermaan maakunta"), default=True)
    is_bilingual = models.BooleanField(_("kaksikielinen"), default=False)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("maakunta")
        verbose_name_plural = _("maakunnat")

    @property
    def council_name(self) -> str:
        return localized(self, "council_name")

    def get_absolute_url(self) -> str:
        return reverse("regions:detail", args=[self.code])

    def permission_regions(self):
        return [self.pk]


class Municipality(TrilingualNameMixin, AuditedModel):
    """A kunta with its region (the current municipal division)."""

    class Group(models.IntegerChoices):
        URBAN = 1, _("kaupunkimainen")
        SEMI_URBAN = 2, _("taajaan asuttu")
        RURAL = 3, _("maaseutumainen")

    code = models.CharField(_("kuntanumero"), max_length=3, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    group = models.PositiveSmallIntegerField(_("kuntaryhmä"), choices=Group.choices, null=True)
    language_status = models.CharField(_("kielisuhde"), max_length=8, blank=True)
    ely_code = models.CharField(_("ELY-keskus"), max_length=8, blank=True)
    subregion_code = models.CharField(_("seutukunta"), max_length=8, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kunta")
        verbose_name_plural = _("kunnat")


class Ministry(TrilingualNameMixin, AuditedModel):
    """One of the 12 ministries; TEM coordinates the regional development discussions."""

    abbreviation = models.CharField(_("lyhenne"), max_length=8, unique=True)
    is_coordinator = models.BooleanField(_("koordinoiva ministeriö"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "abbreviation"]
        verbose_name = _("ministeriö")
        verbose_name_plural = _("ministeriöt")

    def __str__(self) -> str:
        return self.abbreviation

    def permission_ministries(self):
        return [self.pk]


class Organisation(TrilingualNameMixin, AuditedModel):
    """An organisation whose people use alke: a ministry, a regional council, AUNE, a city, a network."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministeriö")
        REGIONAL_COUNCIL = "regional_council", _("maakunnan liitto")
        ADVISORY_BOARD = "advisory_board", _("neuvottelukunta")
        CITY = "city", _("kaupunki")
        NETWORK = "network", _("verkosto tai vyöhyke")
        OTHER = "other", _("muu")

    slug = models.SlugField(_("tunniste"), max_length=64, unique=True)
    kind = models.CharField(_("tyyppi"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="organisations"
    )
    ministry = models.OneToOneField(
        Ministry, null=True, blank=True, on_delete=models.PROTECT, related_name="organisation"
    )

    class Meta:
        ordering = ["kind", "name_fi"]
        verbose_name = _("organisaatio")
        verbose_name_plural = _("organisaatiot")

    def permission_organisations(self):
        return [self.pk]
