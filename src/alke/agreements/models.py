"""The outcome of a discussion: conclusions and the cooperation document.

A cooperation document (yhteistyöasiakirja) is composed from the region's conclusions, its share of
the contractual cooperation appropriation (the funding app) and standard sections. Every change to a draft is kept as
a numbered version (an immutable snapshot); the state and the regional council approve one version,
and when both have approved the same version the document is final and frozen.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alke.core.models import AuditedModel, localized


class DocumentFrozen(Exception):
    """A final cooperation document (or what it is composed of) cannot be changed without reopening."""


class Conclusion(AuditedModel):
    """One conclusion of a region's discussion: what was agreed, who is responsible and by when."""

    round = models.ForeignKey("rounds.Round", on_delete=models.PROTECT, related_name="conclusions")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="conclusions")
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem",
        verbose_name=_("agendan kohta"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conclusions",
    )
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    text_fi = models.TextField(_("johtopäätös suomeksi"))
    text_sv = models.TextField(_("johtopäätös ruotsiksi"), blank=True)
    ministries = models.ManyToManyField(
        "regions.Ministry", verbose_name=_("vastuuministeriöt"), blank=True, related_name="conclusions"
    )
    region_responsible = models.BooleanField(_("maakunnan liitto vastuutahona"), default=False)
    organisations = models.ManyToManyField(
        "regions.Organisation",
        verbose_name=_("muut vastuuorganisaatiot"),
        blank=True,
        related_name="conclusions",
    )
    other_parties = models.CharField(
        _("muut vastuutahot"),
        max_length=255,
        blank=True,
        help_text=_("Vastuutahot, joilla ei ole omaa organisaatiota alkessa, pilkulla eroteltuina."),
    )
    deadline = models.DateField(_("määräaika"), null=True, blank=True)
    needs_budget_decision = models.BooleanField(
        _("edellyttää budjettipäätöstä"),
        default=False,
        help_text=_("Johtopäätös viedään ministeriön talousarvio- ja JTS-valmisteluun."),
    )
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    # Fields that make up the agreed content; they may not change while the document is final.
    CONTENT_FIELDS = (
        "round_id",
        "region_id",
        "agenda_item_id",
        "order",
        "text_fi",
        "text_sv",
        "region_responsible",
        "other_parties",
        "deadline",
        "needs_budget_decision",
    )

    class Meta:
        ordering = ["round", "region", "order", "pk"]
        verbose_name = _("johtopäätös")
        verbose_name_plural = _("johtopäätökset")

    def __str__(self) -> str:
        text = self.text
        return text if len(text) <= 80 else text[:77] + "…"

    @property
    def text(self) -> str:
        return localized(self, "text")

    def permission_regions(self) -> list[int]:
        return [self.region_id]

    def permission_ministries(self) -> list[int]:
        return list(self.ministries.values_list("pk", flat=True)) if self.pk else []

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            stored = Conclusion.objects.filter(pk=self.pk).values(*self.CONTENT_FIELDS).first()
            if stored and any(stored[f] != getattr(self, f) for f in self.CONTENT_FIELDS):
                for doc in documents_covering(self.round_id, stored["region_id"]):
                    if doc.is_final:
                        raise DocumentFrozen(doc)
        super().save(*args, **kwargs)


def documents_covering(round_id: int, region_id: int) -> models.QuerySet:
    """The cooperation documents of a round that include a region (its own or a joint one)."""
    return (
        CooperationDocument.objects.filter(round_id=round_id)
        .filter(models.Q(region_id=region_id) | models.Q(other_regions__id=region_id))
        .distinct()
    )


class AgendaItemMinutes(AuditedModel):
    """The minutes of one agenda item of a region's discussion: what was discussed under it.

    Written item by item alongside the conclusions (which may name the same agenda item) and part of
    the cooperation document's content, so the same freeze rules apply as to conclusions.
    """

    round = models.ForeignKey("rounds.Round", on_delete=models.PROTECT, related_name="agenda_minutes")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="agenda_minutes")
    # AgendaItem.minutes is the item's duration, hence the longer related name.
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem",
        verbose_name=_("agendan kohta"),
        on_delete=models.CASCADE,
        related_name="discussion_minutes",
    )
    text_fi = models.TextField(_("muistio suomeksi"))
    text_sv = models.TextField(_("muistio ruotsiksi"), blank=True)
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    CONTENT_FIELDS = ("round_id", "region_id", "agenda_item_id", "text_fi", "text_sv")

    class Meta:
        ordering = ["round", "region", "agenda_item__order", "pk"]
        verbose_name = _("agendan kohdan muistio")
        verbose_name_plural = _("agendan kohtien muistiot")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "region", "agenda_item"], name="one_minutes_per_agenda_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item.title}: {self.text[:60]}"

    @property
    def text(self) -> str:
        return localized(self, "text")

    def permission_regions(self) -> list[int]:
        return [self.region_id]

    @staticmethod
    def digest(text_fi: str, text_sv: str) -> str:
        """A short fingerprint of an item's texts: the form carries the one it was opened on, so a save
        based on texts someone else has changed since is noticed instead of overwriting them."""
        payload = f"{(text_fi or '').strip()}\x00{(text_sv or '').strip()}".encode()
        return hashlib.sha256(payload).hexdigest()[:16]

    def _frozen_documents(self, round_id: int, region_id: int) -> None:
        for doc in documents_covering(round_id, region_id):
            if doc.is_final:
                raise DocumentFrozen(doc)

    def save(self, *args, **kwargs) -> None:
        stored = None
        if self.pk is not None:
            stored = AgendaItemMinutes.objects.filter(pk=self.pk).values(*self.CONTENT_FIELDS).first()
        if stored is None:
            self._frozen_documents(self.round_id, self.region_id)
        elif any(stored[f] != getattr(self, f) for f in self.CONTENT_FIELDS):
            self._frozen_documents(stored["round_id"], stored["region_id"])
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._frozen_documents(self.round_id, self.region_id)
        return super().delete(*args, **kwargs)


class ConclusionIndicator(AuditedModel):
    """An indicator a conclusion should move: its baseline from the situational picture and a target."""

    conclusion = models.ForeignKey(Conclusion, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(
        "situation.Indicator",
        verbose_name=_("indikaattori"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conclusion_links",
    )
    # Code, name and unit are copied so a document version reads the same if the definition changes.
    indicator_code = models.CharField(_("indikaattorin koodi"), max_length=64)
    indicator_name = models.CharField(_("indikaattori"), max_length=255)
    unit = models.CharField(_("yksikkö"), max_length=32, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("lähtötason vuosi"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("lähtötaso"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("tavoitevuosi"), null=True, blank=True)
    target_value = models.DecimalField(_("tavoite"), max_digits=16, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["conclusion", "pk"]
        verbose_name = _("johtopäätöksen indikaattori")
        verbose_name_plural = _("johtopäätösten indikaattorit")
        constraints = [
            models.UniqueConstraint(
                fields=["conclusion", "indicator_code"], name="unique_conclusion_indicator"
            )
        ]

    def __str__(self) -> str:
        return self.indicator_name

    def permission_regions(self) -> list[int]:
        return [self.conclusion.region_id]


class CooperationDocument(AuditedModel):
    """The cooperation document of one region (or one joint session) in a round."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("luonnos")
        FINAL = "final", _("hyväksytty")

    class Kind(models.TextChoices):
        REGION = "region", _("maakunnan asiakirja")
        JOINT = "joint", _("yhteisen keskustelun asiakirja")

    round = models.ForeignKey("rounds.Round", on_delete=models.PROTECT, related_name="cooperation_documents")
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="cooperation_documents"
    )
    kind = models.CharField(_("laji"), max_length=8, choices=Kind.choices, default=Kind.REGION)
    other_regions = models.ManyToManyField(
        "regions.Region",
        verbose_name=_("muut maakunnat (yhteinen keskustelu)"),
        blank=True,
        related_name="joint_cooperation_documents",
    )
    status = models.CharField(_("tila"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    include_swedish = models.BooleanField(
        _("myös ruotsiksi"),
        default=False,
        help_text=_("Kaksikielisen maakunnan asiakirja laaditaan aina myös ruotsiksi."),
    )
    # Editable standard sections; conclusions and funding are composed from their own records.
    parties_fi = models.TextField(_("osapuolet"), blank=True)
    parties_sv = models.TextField(_("osapuolet ruotsiksi"), blank=True)
    background_fi = models.TextField(_("tausta ja tilannekuvan yhteenveto"), blank=True)
    background_sv = models.TextField(_("tausta ja tilannekuvan yhteenveto ruotsiksi"), blank=True)
    common_theme_fi = models.TextField(_("yhteinen teema"), blank=True)
    common_theme_sv = models.TextField(_("yhteinen teema ruotsiksi"), blank=True)
    own_themes_fi = models.TextField(_("maakunnan omat teemat"), blank=True)
    own_themes_sv = models.TextField(_("maakunnan omat teemat ruotsiksi"), blank=True)
    followup_fi = models.TextField(_("seurannan järjestelyt"), blank=True)
    followup_sv = models.TextField(_("seurannan järjestelyt ruotsiksi"), blank=True)
    lock_version = models.PositiveIntegerField(_("muokkausversio"), default=0)
    final_version = models.ForeignKey(
        "DocumentVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_version = models.ForeignKey(
        "DocumentVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("julkaistu"), null=True, blank=True)
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    SECTION_FIELDS = ("parties", "background", "common_theme", "own_themes", "followup")
    CONTENT_FIELDS = (
        "round_id",
        "region_id",
        "kind",
        "include_swedish",
        *(f"{name}_{lang}" for name in SECTION_FIELDS for lang in ("fi", "sv")),
    )

    class Meta:
        ordering = ["round", "region__code", "pk"]
        verbose_name = _("yhteistyöasiakirja")
        verbose_name_plural = _("yhteistyöasiakirjat")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "region"],
                condition=models.Q(kind="region"),
                name="one_region_document_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round.name}: {self.title}"

    @property
    def title(self) -> str:
        if self.kind == self.Kind.JOINT:
            names = ", ".join(r.name for r in self.all_regions())
            return str(_("yhteinen keskustelu: %(regions)s") % {"regions": names})
        return self.region.name

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    @property
    def is_published(self) -> bool:
        return self.published_version_id is not None

    @property
    def has_swedish(self) -> bool:
        """Bilingual regions always get a Swedish version; others when it was asked for."""
        return self.include_swedish or any(r.is_bilingual for r in self.all_regions())

    def all_regions(self) -> list:
        regions = [self.region]
        if self.pk:
            regions += [r for r in self.other_regions.all() if r.pk != self.region_id]
        return regions

    def permission_regions(self) -> list[int]:
        ids = [self.region_id]
        if self.pk:
            ids += list(self.other_regions.values_list("pk", flat=True))
        return ids

    def get_absolute_url(self) -> str:
        return reverse("agreements:document", args=[self.pk])

    def save(self, *args, **kwargs) -> None:
        # The model layer refuses content changes to a final document, whatever path tries them.
        if self.pk is not None:
            stored = (
                CooperationDocument.objects.filter(pk=self.pk).values("status", *self.CONTENT_FIELDS).first()
            )
            if (
                stored
                and stored["status"] == self.Status.FINAL
                and self.status == self.Status.FINAL
                and any(stored[f] != getattr(self, f) for f in self.CONTENT_FIELDS)
            ):
                raise DocumentFrozen(self)
        super().save(*args, **kwargs)

    def latest_version(self) -> DocumentVersion | None:
        return self.versions.order_by("-number").first()


class DocumentVersion(AuditedModel):
    """An immutable snapshot of a document's whole content; approvals and comments refer to one."""

    document = models.ForeignKey(CooperationDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versio"))
    content = models.JSONField(_("sisältö"))
    note = models.CharField(_("muutoksen kuvaus"), max_length=500, blank=True)
    reopen_reason = models.TextField(_("uudelleenavauksen syy"), blank=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("asiakirjan versio")
        verbose_name_plural = _("asiakirjan versiot")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_document_version")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and DocumentVersion.objects.filter(pk=self.pk).exists():
            raise DocumentFrozen(self)
        super().save(*args, **kwargs)

    def permission_regions(self) -> list[int]:
        return self.document.permission_regions()


class DocumentApproval(AuditedModel):
    """One party's approval of one version: the state (coordinator) or a regional council."""

    class Party(models.TextChoices):
        STATE = "state", _("valtio")
        REGION = "region", _("maakunnan liitto")

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="approvals")
    party = models.CharField(_("osapuoli"), max_length=8, choices=Party.choices)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("hyväksytty"))

    class Meta:
        ordering = ["version", "approved_at"]
        verbose_name = _("hyväksyntä")
        verbose_name_plural = _("hyväksynnät")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "party"], condition=models.Q(party="state"), name="one_state_approval"
            ),
            models.UniqueConstraint(
                fields=["version", "region"],
                condition=models.Q(party="region"),
                name="one_region_approval",
            ),
        ]

    def __str__(self) -> str:
        who = self.region.name if self.region_id else self.get_party_display()
        return f"{self.version}: {who}"


class DocumentComment(AuditedModel):
    """A party's comment on a draft version."""

    document = models.ForeignKey(CooperationDocument, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("kommentti"))

    class Meta:
        ordering = ["document", "created_at", "pk"]
        verbose_name = _("kommentti")
        verbose_name_plural = _("kommentit")

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"

    def permission_regions(self) -> list[int]:
        return self.document.permission_regions()
