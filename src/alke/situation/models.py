"""The situational picture: imported statistics, indicator definitions, computed values, analysis texts.

A `Dataset` is one statistical table (e.g. StatFin 11ra). Each import adds a `DatasetVersion` (the
older releases are kept); a version is a dense cube: its `Dimension`s with ordered `Category`s, and its
values by position in the cube (row-major, as in JSON-stat and PX) in `CellBlock`s. Missing values are
NaN in storage and None when read, with the source's symbol in `CellStatus`, never zero.

An `Indicator` is a definition kept as data: which dataset cells it reads and how it is derived. Its
`IndicatorValue`s are recomputed from the current dataset version after every import.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alke.core.models import AuditedModel, TrilingualNameMixin, localized


def _label(obj, field: str, fallback: str) -> str:
    """The text of `field` in the active language, else in Finnish, Swedish, English, then in whatever
    other language the source gave (`other_<field>s`), else `fallback`: a label is never left blank
    because the source was in another language."""
    others = getattr(obj, f"other_{field}s", None) or {}
    return (
        localized(obj, field)
        or getattr(obj, f"{field}_sv", "")
        or getattr(obj, f"{field}_en", "")
        or next(iter(others.values()), "")
        or fallback
    )


class Dataset(TrilingualNameMixin, AuditedModel):
    """A statistical table, identified by a stable code such as `statfin_vaerak_pxt_11ra`."""

    # A table published only in Swedish or English has no Finnish name.
    name_fi = models.CharField(_("nimi suomeksi"), max_length=255, blank=True)
    other_names = models.JSONField(
        _("nimi muilla kielillä"),
        default=dict,
        blank=True,
        help_text=_('kielikoodi → nimi, esim. {"es": "…"}'),
    )
    code = models.SlugField(_("tunniste"), max_length=100, unique=True)
    table_id = models.CharField(_("taulukon tunnus"), max_length=50, blank=True)
    source_fi = models.CharField(_("lähde suomeksi"), max_length=255, blank=True)
    source_sv = models.CharField(_("lähde ruotsiksi"), max_length=255, blank=True)
    source_en = models.CharField(_("lähde englanniksi"), max_length=255, blank=True)
    licence = models.CharField(_("lisenssi"), max_length=100, blank=True)
    url = models.URLField(_("osoite"), max_length=500, blank=True)
    is_snapshot = models.BooleanField(
        _("sovelluksen mukana toimitettu aineisto"),
        default=False,
        help_text=_("Tosi, kun aineisto on ladattu paketin mukana tulevasta tilannekuvan aineistosta."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("tilastoaineisto")
        verbose_name_plural = _("tilastoaineistot")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _label(self, "name", self.code)

    @property
    def source(self) -> str:
        return localized(self, "source") or self.source_sv or self.source_en

    @property
    def current_version(self) -> DatasetVersion | None:
        return self.versions.filter(is_current=True).first()

    def get_absolute_url(self) -> str:
        return reverse("situation:dataset", args=[self.code])


class DatasetVersion(AuditedModel):
    """One imported release of a dataset; a newer release becomes current and the old one stays."""

    class Format(models.TextChoices):
        JSONSTAT2 = "jsonstat2", "JSON-stat 2.0"
        PXWEB_JSON = "pxweb-json", _("PxWeb API v1 json")
        PX = "px", "PX"
        CSV = "csv", _("CSV-tilannekuva-aineisto")

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versio"))
    is_current = models.BooleanField(_("voimassa oleva"), default=True)
    format = models.CharField(_("muoto"), max_length=12, choices=Format.choices)
    source_updated = models.DateTimeField(_("tilaston päivityspäivä"), null=True, blank=True)
    origin = models.CharField(_("mistä tuotu"), max_length=500, blank=True)
    query = models.JSONField(_("kysely"), null=True, blank=True)
    cell_count = models.PositiveIntegerField(_("solujen määrä"), default=0)
    missing_count = models.PositiveIntegerField(_("puuttuvien arvojen määrä"), default=0)
    checksum = models.CharField(_("tarkistussumma"), max_length=64, blank=True, db_index=True)
    notes = models.TextField(_("huomautukset"), blank=True)
    language = models.CharField(
        _("kieli"), max_length=8, blank=True, help_text=_("Lähteen nimikkeiden pääkieli, esim. fi, sv, en.")
    )
    first_period = models.CharField(_("ensimmäinen ajanjakso"), max_length=20, blank=True)
    latest_period = models.CharField(_("viimeisin ajanjakso"), max_length=20, blank=True)

    class Meta:
        ordering = ["dataset", "-number"]
        verbose_name = _("aineiston versio")
        verbose_name_plural = _("aineiston versiot")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="unique_dataset_version"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset.code} v{self.number}"


class Dimension(models.Model):
    """A dimension of a dataset version (e.g. Alue, Vuosi, Tiedot).

    Structural part of an immutable version: not audited on its own, the version is.
    """

    class Role(models.TextChoices):
        TIME = "time", _("aika")
        GEO = "geo", _("alue")
        METRIC = "metric", _("tieto")
        OTHER = "other", _("muu")

    version = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(_("koodi"), max_length=100)
    position = models.PositiveSmallIntegerField(_("järjestys"))
    role = models.CharField(_("rooli"), max_length=8, choices=Role.choices, default=Role.OTHER)
    label_fi = models.CharField(_("nimi suomeksi"), max_length=255)
    label_sv = models.CharField(_("nimi ruotsiksi"), max_length=255, blank=True)
    label_en = models.CharField(_("nimi englanniksi"), max_length=255, blank=True)
    other_labels = models.JSONField(_("nimi muilla kielillä"), default=dict, blank=True)
    size = models.PositiveIntegerField(_("luokkien määrä"))
    total_code = models.CharField(
        _("summaluokka"),
        max_length=100,
        blank=True,
        help_text=_("Luokka, joka on muiden summa (PX ELIMINATION)."),
    )

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_dimension_code"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        return _label(self, "label", self.code)


class Category(models.Model):
    """One value of a dimension (a region, a year, a measure) with its labels and, for measures, unit."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="categories")
    code = models.CharField(_("koodi"), max_length=100)
    position = models.PositiveIntegerField(_("järjestys"))
    label_fi = models.CharField(_("nimi suomeksi"), max_length=255)
    label_sv = models.CharField(_("nimi ruotsiksi"), max_length=255, blank=True)
    label_en = models.CharField(_("nimi englanniksi"), max_length=255, blank=True)
    other_labels = models.JSONField(_("nimi muilla kielillä"), default=dict, blank=True)
    unit_fi = models.CharField(_("yksikkö suomeksi"), max_length=100, blank=True)
    unit_sv = models.CharField(_("yksikkö ruotsiksi"), max_length=100, blank=True)
    unit_en = models.CharField(_("yksikkö englanniksi"), max_length=100, blank=True)
    decimals = models.SmallIntegerField(_("desimaalit"), null=True, blank=True)
    parent_code = models.CharField(_("yläluokka"), max_length=100, blank=True)

    class Meta:
        ordering = ["dimension", "position"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="unique_category_code"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        return _label(self, "label", self.code)

    @property
    def unit(self) -> str:
        return localized(self, "unit") or self.unit_sv or self.unit_en


class CellBlock(models.Model):
    """A run of consecutive cells of a version, stored as little-endian float64 (NaN = missing).

    A statistical table is a dense cube read by position, so storing it in blocks keeps a
    million-cell import to a few inserts; `alke.situation.cells` reads single cells and slices.
    Blocks are written once by the importer and never edited: the version carries the audit trail.
    """

    BLOCK_SIZE = 65536

    version = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE, related_name="blocks")
    start = models.PositiveBigIntegerField(_("ensimmäisen solun sijainti"))
    count = models.PositiveIntegerField(_("solujen määrä"))
    data = models.BinaryField(_("arvot"))

    class Meta:
        ordering = ["version", "start"]
        constraints = [models.UniqueConstraint(fields=["version", "start"], name="unique_cell_block")]

    def __str__(self) -> str:
        return f"{self.version_id}[{self.start}:{self.start + self.count}]"


class CellStatus(models.Model):
    """The source's symbol for a missing or special value (e.g. ".." confidential), kept per cell."""

    version = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE, related_name="statuses")
    position = models.PositiveBigIntegerField(_("sijainti"))
    status = models.CharField(_("tila"), max_length=8)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="unique_cell_status")]

    def __str__(self) -> str:
        return f"{self.version_id}[{self.position}] {self.status}"


class Indicator(TrilingualNameMixin, AuditedModel):
    """An indicator definition kept as data: what it reads, how it is derived, which way is better."""

    class Derivation(models.TextChoices):
        LEVEL = "level", _("arvo sellaisenaan")
        RATIO = "ratio", _("suhde (osoittaja / nimittäjä × kerroin)")
        CHANGE_PCT = "change_pct", _("muutos % vuosien välillä")
        GROWING_SHARE = "growing_share", _("kasvavien osa-alueiden osuus")
        YOY_MONTH = "yoy_month", _("muutos vuodentakaisesta samasta kuukaudesta")
        DIFFERENCE = "difference", _("erotus (vähennettävä − vähentäjä)")
        FLOW = "flow", _("alueiden väliset virrat (tulo-, lähtö- tai nettovirta)")

    class Topic(models.TextChoices):
        POPULATION = "population", _("väestö")
        MIGRATION = "migration", _("muuttoliike")
        AGE_STRUCTURE = "age_structure", _("ikärakenne")
        LABOUR = "labour", _("työllisyys ja työmarkkinat")
        ECONOMY = "economy", _("aluetalous")
        SKILLS = "skills", _("osaaminen ja koulutus")
        INNOVATION = "innovation", _("tutkimus ja kehittäminen")

    code = models.SlugField(_("tunnus"), max_length=64, unique=True)
    topic = models.CharField(_("aihe"), max_length=16, choices=Topic.choices)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    description_fi = models.TextField(_("kuvaus suomeksi"), blank=True)
    description_sv = models.TextField(_("kuvaus ruotsiksi"), blank=True)
    description_en = models.TextField(_("kuvaus englanniksi"), blank=True)
    unit_fi = models.CharField(_("yksikkö suomeksi"), max_length=50)
    unit_sv = models.CharField(_("yksikkö ruotsiksi"), max_length=50, blank=True)
    unit_en = models.CharField(_("yksikkö englanniksi"), max_length=50, blank=True)
    decimals = models.PositiveSmallIntegerField(_("desimaalit"), default=1)
    higher_is_better = models.BooleanField(
        _("suurempi on parempi"), null=True, blank=True, help_text=_("Tyhjä, kun suunta ei ole arvio.")
    )
    is_key = models.BooleanField(_("avainindikaattori"), default=False)
    dataset_code = models.SlugField(
        _("aineiston tunniste"),
        max_length=100,
        help_text=_("Aineisto, jonka soluista indikaattori lasketaan; sen ei tarvitse olla vielä tuotu."),
    )
    statfin_table = models.CharField(_("StatFin-taulukko"), max_length=50, blank=True)
    statfin_path = models.CharField(
        _("StatFin-polku"), max_length=200, blank=True, help_text=_("esim. vaerak/statfin_vaerak_pxt_11ra.px")
    )
    derivation = models.CharField(_("johtaminen"), max_length=16, choices=Derivation.choices)
    params = models.JSONField(
        _("laskennan parametrit"),
        default=dict,
        blank=True,
        help_text=_(
            "Ulottuvuudet (area, time), valinnat (select, numerator, denominator; luettelo tai * laskee "
            "luokat yhteen), kerroin (scale), vuodet (years), kuukausien yhdistäminen vuodeksi (annual: "
            "mean tai last), aluekoodit (area_codes: nuts3), koko maa alueiden summana (country: sum), "
            "jakauma (breakdown) ja virrat (counterpart, flow: in, out tai net)."
        ),
    )
    source_fi = models.CharField(_("lähde suomeksi"), max_length=255)
    source_sv = models.CharField(_("lähde ruotsiksi"), max_length=255, blank=True)
    source_en = models.CharField(_("lähde englanniksi"), max_length=255, blank=True)
    is_active = models.BooleanField(_("käytössä"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("indikaattori")
        verbose_name_plural = _("indikaattorit")

    @property
    def unit(self) -> str:
        return localized(self, "unit")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def source(self) -> str:
        return localized(self, "source")

    def get_absolute_url(self) -> str:
        return reverse("situation:indicator", args=[self.code])


class IndicatorValue(models.Model):
    """A computed value of an indicator for a region (or the whole country when region is null).

    Derived data, rewritten in full by `recompute_indicators`; the inputs are audited, not this.
    `period` is the year ("2022") or, for monthly indicators, the month ("2020-10").
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="indicator_values"
    )
    area = models.CharField(_("aluekoodi"), max_length=8, help_text=_("MKxx tai SSS (koko maa)"))
    year = models.PositiveSmallIntegerField(_("vuosi"))
    period = models.CharField(_("ajanjakso"), max_length=10)
    value = models.DecimalField(_("arvo"), max_digits=20, decimal_places=6)
    detail = models.JSONField(_("lisätiedot"), default=dict, blank=True)
    version = models.ForeignKey(DatasetVersion, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["indicator", "area", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "year"], name="unique_indicator_area_year"),
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area} {self.period}: {self.value}"

    @property
    def rounded(self) -> Decimal:
        return self.value.quantize(Decimal(1).scaleb(-self.indicator.decimals))


class Analysis(AuditedModel):
    """A qualitative analysis text for a region in a round, written by a regional council or ministry."""

    class Section(models.TextChoices):
        RECENT = "recent", _("viimeaikainen kehitys")
        PRESENT = "present", _("nykytila")
        OUTLOOK = "outlook", _("näkymät")
        QUESTIONS = "questions", _("kysymykset keskusteluun")

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="analyses")
    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="analyses")
    organisation = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("kirjoittaja"),
        on_delete=models.PROTECT,
        related_name="analyses",
    )
    section = models.CharField(_("osio"), max_length=12, choices=Section.choices)
    text = models.TextField(_("teksti"))
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["region", "round", "section", "organisation"]
        verbose_name = _("analyysi")
        verbose_name_plural = _("analyysit")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "round", "organisation", "section"], name="unique_analysis_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.round}: {self.get_section_display()} ({self.organisation})"

    def permission_regions(self):
        return [self.region_id]


class PendingImport(models.Model):
    """A table a coordinator has previewed but not yet confirmed (the import page's dry run).

    The bytes are kept so that what is confirmed is exactly what was previewed (its checksum is
    checked again); nothing of the table is stored as a dataset until then. Transient, not audited:
    the import it leads to is. Rows older than a day are removed when the next preview is made.
    """

    token = models.UUIDField(_("tunniste"), unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)
    raw = models.BinaryField(_("sisältö"))
    format = models.CharField(_("muoto"), max_length=12)
    origin = models.CharField(_("mistä"), max_length=500, blank=True)
    query = models.JSONField(_("kysely"), null=True, blank=True)
    dataset_code = models.CharField(_("aineiston tunniste"), max_length=100, blank=True)
    checksum = models.CharField(_("tarkistussumma"), max_length=64)

    class Meta:
        verbose_name = _("esikatseltu tuonti")
        verbose_name_plural = _("esikatsellut tuonnit")

    def __str__(self) -> str:
        return f"{self.origin or self.token} ({self.user_id})"
