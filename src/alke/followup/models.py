"""Follow-up of what was agreed, and the learning loop.

Follow-up state lives here, next to (not inside) the agreements app's `Conclusion`: one
`ConclusionFollowUp` per conclusion holds its status, progress and responsible organisation, and every
change is a dated `FollowUpUpdate` with its evidence. The rules a status change must obey are written on
the model (`check_change`) so the page, the editable table, the file import and the API obey the same ones.

The learning loop: a `FeedbackSurvey` per round (anonymous by default) and `ImprovementItem`s the
coordinator draws from the findings for the next round.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alke.core.models import AuditedModel, localized


class Status(models.TextChoices):
    """The follow-up status of a conclusion; the codes are the API's `status` values."""

    NOT_STARTED = "not_started", gettext_lazy("ei aloitettu")
    IN_PROGRESS = "in_progress", gettext_lazy("käynnissä")
    DONE = "done", gettext_lazy("toteutunut")
    DROPPED = "dropped", gettext_lazy("luovuttu")


OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS)
CLOSED_STATUSES = (Status.DONE, Status.DROPPED)


class RuleBroken(ValueError):
    """A follow-up change breaks a progress rule; the message names the rule."""


def check_change(
    *,
    old_status: str,
    old_progress: int,
    status: str,
    progress: int,
    note: str,
    on: date,
    today: date,
) -> None:
    """Raise RuleBroken unless moving from (old_status, old_progress) to (status, progress) is allowed.

    The rules (in the spirit of Akvo RSR's result updates):
    - progress is a whole percentage 0–100;
    - "not started" means 0 %, and progress above 0 % means the work has started;
    - "done" means 100 %, and 100 % means done;
    - "dropped" needs the reason written in the note;
    - progress may go backwards, or a done or dropped conclusion be reopened, only with a note saying why;
    - an update is dated today or earlier, never in the future;
    - an update changes something or at least says something.
    """
    note = (note or "").strip()
    if status not in Status.values:
        raise RuleBroken(_("Tuntematon tila ”%(status)s”.") % {"status": status})
    if not isinstance(progress, int) or progress < 0 or progress > 100:
        raise RuleBroken(_("Edistyminen on kokonaisluku 0–100 %."))
    if on > today:
        raise RuleBroken(_("Päivitystä ei voi päivätä tulevaisuuteen (%(date)s).") % {"date": on.isoformat()})
    if status == Status.NOT_STARTED and progress != 0:
        raise RuleBroken(_("Tila ”ei aloitettu” tarkoittaa 0 %:n edistymistä; valitse tila ”käynnissä”."))
    if status == Status.DONE and progress != 100:
        raise RuleBroken(_("Tila ”toteutunut” tarkoittaa 100 %:n edistymistä."))
    if progress == 100 and status != Status.DONE:
        raise RuleBroken(
            _("100 %:n edistyminen tarkoittaa, että johtopäätös on toteutunut; valitse tila ”toteutunut”.")
        )
    if status == Status.DROPPED and old_status != Status.DROPPED and not note:
        raise RuleBroken(_("Kirjaa huomioon syy, miksi johtopäätöksestä luovutaan."))
    if progress < old_progress and status != Status.DROPPED and not note:
        raise RuleBroken(
            _("Edistyminen laskisi %(old)s %%:sta %(new)s %%:iin; kirjaa huomioon syy.")
            % {"old": old_progress, "new": progress}
        )
    if old_status in CLOSED_STATUSES and status in OPEN_STATUSES and not note:
        raise RuleBroken(_("Toteutuneen tai luovutun johtopäätöksen voi avata uudelleen vain syyn kanssa."))
    if status == old_status and progress == old_progress and not note:
        raise RuleBroken(_("Päivitys ei muuta mitään; muuta tilaa tai edistymistä tai kirjoita huomio."))


class ConclusionFollowUp(AuditedModel):
    """The follow-up state of one conclusion: status, progress, who answers for it, latest update."""

    conclusion = models.OneToOneField(
        "agreements.Conclusion", on_delete=models.CASCADE, related_name="followup"
    )
    status = models.CharField(
        gettext_lazy("tila"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        gettext_lazy("edistyminen (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    responsible_organisation = models.ForeignKey(
        "regions.Organisation",
        verbose_name=gettext_lazy("seurannasta vastaava organisaatio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followups",
        help_text=gettext_lazy("Organisaatio, joka raportoi johtopäätöksen etenemisestä."),
    )
    theme = models.ForeignKey(
        "policy.Theme",
        verbose_name=gettext_lazy("teema raportissa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Jos tyhjä, teema tulee agendan kohdasta."),
    )
    drop_reason = models.TextField(gettext_lazy("luopumisen syy"), blank=True)
    completed_on = models.DateField(gettext_lazy("toteutui"), null=True, blank=True)
    last_update_on = models.DateField(gettext_lazy("viimeisin päivitys"), null=True, blank=True)
    is_demo = models.BooleanField(gettext_lazy("demosisältöä"), default=False)

    class Meta:
        ordering = ["conclusion"]
        verbose_name = gettext_lazy("johtopäätöksen seuranta")
        verbose_name_plural = gettext_lazy("johtopäätösten seuranta")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="followup_progress_max_100"),
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(progress=100), name="followup_done_is_100"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="not_started") | models.Q(progress=0),
                name="followup_not_started_is_0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conclusion}: {self.get_status_display()} {self.progress} %"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def permission_regions(self) -> list[int]:
        return [self.conclusion.region_id]

    def permission_ministries(self) -> list[int]:
        return list(self.conclusion.ministries.values_list("pk", flat=True))

    def permission_organisations(self) -> list[int]:
        ids = list(self.conclusion.organisations.values_list("pk", flat=True))
        if self.responsible_organisation_id:
            ids.append(self.responsible_organisation_id)
        return ids


class FollowUpUpdate(AuditedModel):
    """One dated report on a conclusion: the status and progress it set, what was done, the evidence."""

    followup = models.ForeignKey(ConclusionFollowUp, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(gettext_lazy("päivä"))
    status = models.CharField(gettext_lazy("tila"), max_length=12, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(gettext_lazy("edistyminen (%)"))
    previous_status = models.CharField(gettext_lazy("aiempi tila"), max_length=12, choices=Status.choices)
    previous_progress = models.PositiveSmallIntegerField(gettext_lazy("aiempi edistyminen (%)"))
    note = models.TextField(gettext_lazy("huomio"), blank=True)
    evidence_url = models.URLField(gettext_lazy("linkki näyttöön"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "regions.Organisation",
        verbose_name=gettext_lazy("raportoija"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(gettext_lazy("kanava"), max_length=10, default="page")
    is_demo = models.BooleanField(gettext_lazy("demosisältöä"), default=False)

    class Meta:
        ordering = ["followup", "-on", "-pk"]
        verbose_name = gettext_lazy("seurantapäivitys")
        verbose_name_plural = gettext_lazy("seurantapäivitykset")
        indexes = [models.Index(fields=["followup", "on"])]

    def __str__(self) -> str:
        return f"{self.on}: {self.get_status_display()} {self.progress} %"

    def permission_regions(self) -> list[int]:
        return self.followup.permission_regions()


class FeedbackSurvey(AuditedModel):
    """The short feedback survey of a round's discussions, answered by the participants."""

    round = models.OneToOneField("rounds.Round", on_delete=models.PROTECT, related_name="feedback_survey")
    intro_fi = models.TextField(gettext_lazy("saate"), blank=True)
    intro_sv = models.TextField(gettext_lazy("saate ruotsiksi"), blank=True)
    is_open = models.BooleanField(gettext_lazy("avoinna"), default=True)
    anonymous = models.BooleanField(
        gettext_lazy("nimetön"),
        default=True,
        help_text=gettext_lazy("Nimettömästä vastauksesta ei tallenneta vastaajaa."),
    )
    is_demo = models.BooleanField(gettext_lazy("demosisältöä"), default=False)

    class Meta:
        ordering = ["-round__year"]
        verbose_name = gettext_lazy("palautekysely")
        verbose_name_plural = gettext_lazy("palautekyselyt")

    def __str__(self) -> str:
        return _("Palautekysely %(round)s") % {"round": self.round.name}

    @property
    def intro(self) -> str:
        return localized(self, "intro")


class SurveyQuestion(AuditedModel):
    """A question of a survey. `code` ties the same question together across rounds for comparison."""

    class Kind(models.TextChoices):
        RATING = "rating", gettext_lazy("arvio 1–5")
        TEXT = "text", gettext_lazy("vapaa teksti")

    survey = models.ForeignKey(FeedbackSurvey, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(gettext_lazy("tunnus"), max_length=40)
    order = models.PositiveSmallIntegerField(gettext_lazy("järjestys"), default=0)
    kind = models.CharField(gettext_lazy("laji"), max_length=8, choices=Kind.choices)
    text_fi = models.CharField(gettext_lazy("kysymys"), max_length=255)
    text_sv = models.CharField(gettext_lazy("kysymys ruotsiksi"), max_length=255, blank=True)
    text_en = models.CharField(gettext_lazy("kysymys englanniksi"), max_length=255, blank=True)

    class Meta:
        ordering = ["survey", "order", "pk"]
        verbose_name = gettext_lazy("kysymys")
        verbose_name_plural = gettext_lazy("kysymykset")
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="unique_survey_question_code")]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")


class SurveyResponse(models.Model):
    """One participant's answers.

    Deliberately not an AuditedModel: the history trail would record who saved it. An anonymous answer keeps
    no user and only the day it came; a keyed hash of survey and user (`respondent_key`) stops a second
    answer without naming the respondent.
    """

    survey = models.ForeignKey(FeedbackSurvey, on_delete=models.CASCADE, related_name="responses")
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=gettext_lazy("keskustelu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Minkä maakunnan keskusteluun osallistuit."),
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    respondent_key = models.CharField(max_length=64)
    answered_on = models.DateField(gettext_lazy("vastattu"))
    is_demo = models.BooleanField(gettext_lazy("demosisältöä"), default=False)

    class Meta:
        ordering = ["survey", "pk"]
        verbose_name = gettext_lazy("vastaus")
        verbose_name_plural = gettext_lazy("vastaukset")
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent_key"], name="one_response_per_respondent")
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class SurveyAnswer(models.Model):
    """The answer to one question: a rating 1–5 or a free text."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["response", "question__order"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="answer_rating_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.rating if self.rating is not None else self.text[:40]}"


class ImprovementItem(AuditedModel):
    """A change to the procedure the coordinator draws from a round's feedback, for the next round."""

    class ItemStatus(models.TextChoices):
        PROPOSED = "proposed", gettext_lazy("ehdotettu")
        PLANNED = "planned", gettext_lazy("suunniteltu")
        DONE = "done", gettext_lazy("toteutettu")
        REJECTED = "rejected", gettext_lazy("hylätty")

    source_round = models.ForeignKey(
        "rounds.Round",
        verbose_name=gettext_lazy("havainnon kierros"),
        on_delete=models.PROTECT,
        related_name="improvement_findings",
    )
    target_round = models.ForeignKey(
        "rounds.Round",
        verbose_name=gettext_lazy("toteutetaan kierroksella"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="improvements",
    )
    title = models.CharField(gettext_lazy("otsikko"), max_length=200)
    finding = models.TextField(
        gettext_lazy("havainto"), help_text=gettext_lazy("Mitä palautteessa havaittiin.")
    )
    action = models.TextField(
        gettext_lazy("toimenpide"), blank=True, help_text=gettext_lazy("Mitä muutetaan.")
    )
    owner = models.CharField(gettext_lazy("vastuutaho"), max_length=200, blank=True)
    status = models.CharField(
        gettext_lazy("tila"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.PROPOSED
    )
    question_code = models.SlugField(gettext_lazy("kyselyn kysymys"), max_length=40, blank=True)
    is_demo = models.BooleanField(gettext_lazy("demosisältöä"), default=False)

    class Meta:
        ordering = ["-source_round__year", "pk"]
        verbose_name = gettext_lazy("kehittämiskohde")
        verbose_name_plural = gettext_lazy("kehittämiskohteet")

    def __str__(self) -> str:
        return self.title
