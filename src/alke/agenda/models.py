"""Proposals, ministry issues, synergy suggestions and agendas of a round.

The names here are the anchors other capabilities link to (schedule: `Agenda` with `kind=joint` and its
`regions`; agreements: `AgendaItem`; follow-up: `AgendaCandidate`), so they stay stable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from alke.agenda.thesaurus import default_thesaurus
from alke.core.models import AuditedModel


class Kind(models.TextChoices):
    """Why a question is on the table (the 2017 memo: bottlenecks, openings, acute issues)."""

    BOTTLENECK = "bottleneck", _("pullonkaula")
    OPPORTUNITY = "opportunity", _("mahdollisuus")
    ACUTE = "acute", _("akuutti kysymys")


class Language(models.TextChoices):
    FI = "fi", "suomi"
    SV = "sv", "svenska"


class Proposal(AuditedModel):
    """A regional council's proposal for its agenda, in the uniform proposal template."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("luonnos")
        SUBMITTED = "submitted", _("jätetty")
        ACCEPTED = "accepted", _("hyväksytty agendalle")
        MERGED = "merged", _("yhdistetty toiseen")
        DECLINED = "declined", _("hylätty")

    round = models.ForeignKey("rounds.Round", on_delete=models.PROTECT, related_name="proposals")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(_("otsikko"), max_length=200)
    description = models.TextField(_("kuvaus"), help_text=_("Tausta ja tilanne: mistä on kyse ja miksi nyt."))
    request = models.TextField(
        _("mitä pyydetään"), blank=True, help_text=_("Mitä maakunta toivoo valtiolta ja ministeriöiltä.")
    )
    kind = models.CharField(_("luonne"), max_length=12, choices=Kind.choices, default=Kind.OPPORTUNITY)
    language = models.CharField(_("kieli"), max_length=2, choices=Language.choices, default=Language.FI)
    objectives = models.ManyToManyField(
        "policy.StatutoryObjective", verbose_name=_("lakisääteiset tavoitteet"), blank=True
    )
    priorities = models.ManyToManyField(
        "policy.DecisionPriority", verbose_name=_("aluekehittämispäätöksen painopisteet"), blank=True
    )
    themes = models.ManyToManyField("policy.Theme", verbose_name=_("teemat"), blank=True)
    ministries = models.ManyToManyField(
        "regions.Ministry",
        verbose_name=_("hallinnonalat (ministeriöt)"),
        blank=True,
        related_name="proposals",
        help_text=_("Ministeriöt, joiden hallinnonaloja ehdotus koskee."),
    )
    indicators = models.ManyToManyField(
        "situation.Indicator",
        verbose_name=_("tilannekuvan indikaattorit"),
        blank=True,
        related_name="proposals",
        help_text=_("Tilannekuvan indikaattorit, joihin ehdotus perustuu."),
    )
    status = models.CharField(_("tila"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("yhdistetty ehdotukseen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_proposals",
    )
    decision_reason = models.TextField(_("perustelu"), blank=True)
    submitted_at = models.DateTimeField(_("jätetty"), null=True, blank=True)
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["round", "region", "pk"]
        verbose_name = _("ehdotus")
        verbose_name_plural = _("ehdotukset")
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agenda:proposal", args=[self.pk])

    def permission_regions(self) -> list[int]:
        return [self.region_id]

    def permission_ministries(self) -> list[int]:
        return [m.pk for m in self.ministries.all()] if self.pk else []

    @property
    def is_cross_sectoral(self) -> bool:
        """Crosses two or more administrative branches (the discussions favour such questions)."""
        return self.ministries.count() >= 2


class ProposalComment(AuditedModel):
    """A party's comment on a proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("kommentti"))
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("kommentti ehdotukseen")
        verbose_name_plural = _("kommentit ehdotuksiin")

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"


class MinistryIssue(AuditedModel):
    """A key issue a ministry raises for one or several regions."""

    round = models.ForeignKey("rounds.Round", on_delete=models.PROTECT, related_name="ministry_issues")
    ministry = models.ForeignKey("regions.Ministry", on_delete=models.PROTECT, related_name="issues")
    regions = models.ManyToManyField("regions.Region", verbose_name=_("maakunnat"), related_name="issues")
    title = models.CharField(_("otsikko"), max_length=200)
    description = models.TextField(_("kuvaus"))
    kind = models.CharField(_("luonne"), max_length=12, choices=Kind.choices, default=Kind.OPPORTUNITY)
    language = models.CharField(_("kieli"), max_length=2, choices=Language.choices, default=Language.FI)
    themes = models.ManyToManyField("policy.Theme", verbose_name=_("teemat"), blank=True)
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["round", "ministry", "pk"]
        verbose_name = _("ministeriön nosto")
        verbose_name_plural = _("ministeriöiden nostot")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agenda:issue", args=[self.pk])

    def permission_ministries(self) -> list[int]:
        return [self.ministry_id]

    def permission_regions(self) -> list[int]:
        return list(self.regions.values_list("pk", flat=True)) if self.pk else []


class AgendaCandidate(AuditedModel):
    """Something that may go on a region's agenda but is neither a proposal nor a ministry issue.

    Follow-up adds unfinished conclusions of the previous round here (`source="carry_over"`, with a
    readable `source_label` and `source_url`); the regional council takes it on its agenda or dismisses it.
    """

    class Source(models.TextChoices):
        CARRY_OVER = "carry_over", _("edellisen kierroksen keskeneräinen johtopäätös")
        WORKING_GROUP = "working_group", _("työryhmän nosto tilannekuvasta")
        OTHER = "other", _("muu")

    class Status(models.TextChoices):
        OPEN = "open", _("avoin")
        TAKEN = "taken", _("otettu agendalle")
        DISMISSED = "dismissed", _("ei oteta")

    round = models.ForeignKey("rounds.Round", on_delete=models.PROTECT, related_name="agenda_candidates")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="agenda_candidates")
    title = models.CharField(_("otsikko"), max_length=200)
    description = models.TextField(_("kuvaus"), blank=True)
    source = models.CharField(_("lähde"), max_length=16, choices=Source.choices, default=Source.OTHER)
    source_label = models.CharField(_("lähteen kuvaus"), max_length=255, blank=True)
    source_url = models.CharField(_("lähteen osoite"), max_length=255, blank=True)
    source_key = models.CharField(
        _("lähteen tunniste"),
        max_length=100,
        blank=True,
        help_text=_("Lähteen oma tunniste (esim. johtopäätöksen id), jotta samaa ei lisätä kahdesti."),
    )
    ministries = models.ManyToManyField("regions.Ministry", verbose_name=_("ministeriöt"), blank=True)
    status = models.CharField(_("tila"), max_length=10, choices=Status.choices, default=Status.OPEN)
    status_reason = models.TextField(_("perustelu"), blank=True)
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["round", "region", "pk"]
        verbose_name = _("agendaehdokas")
        verbose_name_plural = _("agendaehdokkaat")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "region", "source", "source_key"],
                condition=~models.Q(source_key=""),
                name="unique_agenda_candidate_source",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def permission_regions(self) -> list[int]:
        return [self.region_id]


class SynergySuggestion(AuditedModel):
    """A group of related proposals from two or more regions, suggested as a joint session or common theme."""

    class Target(models.TextChoices):
        JOINT_SESSION = "joint_session", _("yhteinen keskustelu")
        COMMON_THEME = "common_theme", _("yhteinen teema")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("ehdotettu")
        ACCEPTED = "accepted", _("hyväksytty")
        REJECTED = "rejected", _("hylätty")

    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="synergy_suggestions")
    target = models.CharField(
        _("ehdotetaan"), max_length=16, choices=Target.choices, default=Target.JOINT_SESSION
    )
    proposals = models.ManyToManyField(Proposal, verbose_name=_("ehdotukset"), related_name="synergies")
    regions = models.ManyToManyField("regions.Region", verbose_name=_("maakunnat"), related_name="+")
    ministries = models.ManyToManyField("regions.Ministry", verbose_name=_("ministeriöt"), related_name="+")
    keywords = models.JSONField(_("avainsanat"), default=list)
    # Why the proposals belong together: thesaurus concepts they share, [{"key": ..., "count": proposals}].
    concepts = models.JSONField(_("yhteiset aiheet"), default=list, blank=True)
    titles = models.JSONField(_("otsikko"), default=dict, blank=True)  # {"fi": ..., "sv": ..., "en": ...}
    score = models.FloatField(_("yhtenäisyys"), default=0.0)
    fingerprint = models.CharField(max_length=64, editable=False)
    status = models.CharField(_("tila"), max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    reason = models.TextField(_("perustelu"), blank=True)
    decided_at = models.DateTimeField(_("päätetty"), null=True, blank=True)
    agenda = models.ForeignKey(
        "Agenda",
        verbose_name=_("yhteisen keskustelun agenda"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["round", "status", "-score", "pk"]
        verbose_name = _("synergiaehdotus")
        verbose_name_plural = _("synergiaehdotukset")
        constraints = [
            models.UniqueConstraint(fields=["round", "fingerprint"], name="unique_synergy_fingerprint")
        ]

    def __str__(self) -> str:
        return self.title or str(self.pk)

    def title_in(self, lang: str | None) -> str:
        """The title in `lang` (fi, sv or en); older suggestions without titles show their keywords."""
        lang = (lang or "fi")[:2]
        return self.titles.get(lang) or self.titles.get("fi") or ", ".join(self.keywords[:3])

    @property
    def title(self) -> str:
        return self.title_in(get_language())

    @property
    def shared_concepts(self) -> list[tuple[str, int]]:
        """(label in the active language, how many of the proposals carry it), most telling first."""
        thesaurus = default_thesaurus()
        lang = get_language() or "fi"
        return [
            (thesaurus.label(entry["key"], lang), entry["count"])
            for entry in self.concepts
            if entry.get("key") in thesaurus.concepts
        ]


class Agenda(AuditedModel):
    """The agenda of one discussion: a region's own, or a joint session of several regions."""

    class AgendaKind(models.TextChoices):
        REGION = "region", _("maakunnan keskustelu")
        JOINT = "joint", _("yhteinen keskustelu")

    class Status(models.TextChoices):
        DRAFT = "draft", _("valmisteilla")
        READY = "ready", _("valmis")

    round = models.ForeignKey("rounds.Round", on_delete=models.PROTECT, related_name="agendas")
    kind = models.CharField(_("laji"), max_length=8, choices=AgendaKind.choices, default=AgendaKind.REGION)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("maakunta"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agendas",
        help_text=_("Maakunnan oma agenda; yhteisellä keskustelulla tyhjä."),
    )
    regions = models.ManyToManyField(
        "regions.Region",
        verbose_name=_("osallistuvat maakunnat"),
        related_name="joint_agendas",
        blank=True,
        help_text=_("Yhteisen keskustelun maakunnat."),
    )
    title = models.CharField(_("otsikko"), max_length=200, blank=True)
    session_minutes = models.PositiveSmallIntegerField(_("keskustelun kesto (min)"), default=150)
    status = models.CharField(_("tila"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["round", "kind", "region", "pk"]
        verbose_name = _("agenda")
        verbose_name_plural = _("agendat")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "region"],
                condition=models.Q(kind="region"),
                name="unique_region_agenda_per_round",
            )
        ]

    def __str__(self) -> str:
        if self.title:
            return self.title
        return f"{self.round}: {self.region}" if self.region_id else f"{self.round}: {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("agenda:agenda", args=[self.pk])

    def region_ids(self) -> list[int]:
        if self.kind == self.AgendaKind.REGION:
            return [self.region_id] if self.region_id else []
        return list(self.regions.values_list("pk", flat=True)) if self.pk else []

    def permission_regions(self) -> list[int]:
        return self.region_ids()

    @property
    def planned_minutes(self) -> int:
        return sum(item.minutes for item in self.items.all())


class AgendaItem(AuditedModel):
    """One ordered item of an agenda with its duration and who must attend."""

    class Source(models.TextChoices):
        COMMON_THEME = "common_theme", _("yhteinen teema")
        PROPOSAL = "proposal", _("maakunnan ehdotus")
        ISSUE = "issue", _("ministeriön nosto")
        CARRY_OVER = "candidate", _("agendaehdokas")
        OTHER = "other", _("muu")

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    title = models.CharField(_("otsikko"), max_length=200)
    description = models.TextField(_("kuvaus"), blank=True)
    minutes = models.PositiveSmallIntegerField(_("kesto (min)"), default=20)
    source = models.CharField(_("lähde"), max_length=16, choices=Source.choices, default=Source.OTHER)
    kind = models.CharField(_("luonne"), max_length=12, choices=Kind.choices, blank=True)
    theme = models.ForeignKey(
        "policy.Theme", verbose_name=_("teema"), null=True, blank=True, on_delete=models.PROTECT
    )
    proposals = models.ManyToManyField(
        Proposal, verbose_name=_("ehdotukset"), blank=True, related_name="agenda_items"
    )
    issue = models.ForeignKey(
        MinistryIssue,
        verbose_name=_("ministeriön nosto"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    candidate = models.ForeignKey(
        AgendaCandidate,
        verbose_name=_("agendaehdokas"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    ministries = models.ManyToManyField(
        "regions.Ministry", verbose_name=_("paikalla oltava ministeriöt"), blank=True, related_name="+"
    )
    indicators = models.ManyToManyField(
        "situation.Indicator",
        verbose_name=_("tilannekuvan indikaattorit"),
        blank=True,
        related_name="agenda_items",
    )
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["agenda", "order", "pk"]
        verbose_name = _("agendan kohta")
        verbose_name_plural = _("agendan kohdat")

    def __str__(self) -> str:
        return self.title

    def permission_regions(self) -> list[int]:
        return self.agenda.region_ids()


class AgendaComment(AuditedModel):
    """A ministry's or the region's comment on an agenda while it is drafted."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("kommentti"))
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("kommentti agendaan")
        verbose_name_plural = _("kommentit agendoihin")

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"
