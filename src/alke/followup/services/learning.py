"""Learning from the round: the feedback survey and the improvement items drawn from it."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.core.permissions import require
from alke.followup.models import (
    FeedbackSurvey,
    ImprovementItem,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from alke.followup.services.updates import FollowUpError
from alke.regions.models import Region
from alke.rounds.models import Round

DEFAULT_QUESTIONS = [
    (
        "preparation",
        "rating",
        "Valmistelu ja ennakkoaineisto tukivat keskustelua.",
        "Förberedelserna och förhandsmaterialet stödde diskussionen.",
        "The preparation and material supported the discussion.",
    ),
    (
        "relevance",
        "rating",
        "Agendalla olivat maakunnan kannalta olennaisimmat kysymykset.",
        "Agendan innehöll de viktigaste frågorna för landskapet.",
        "The agenda held the questions that matter most to the region.",
    ),
    (
        "dialogue",
        "rating",
        "Keskustelu oli aitoa vuoropuhelua valtion ja maakunnan välillä.",
        "Diskussionen var en verklig dialog mellan staten och landskapet.",
        "The discussion was a real dialogue between the state and the region.",
    ),
    (
        "outcome",
        "rating",
        "Johtopäätökset ovat selkeitä ja vastuut sovittu.",
        "Slutsatserna är tydliga och ansvaren överenskomna.",
        "The conclusions are clear and responsibilities agreed.",
    ),
    (
        "time",
        "rating",
        "Keskustelulle varattu aika oli sopiva.",
        "Tiden för diskussionen var lämplig.",
        "The time set for the discussion was right.",
    ),
    ("went_well", "text", "Mikä onnistui?", "Vad lyckades?", "What went well?"),
    (
        "improve",
        "text",
        "Mitä pitäisi kehittää ensi kierroksella?",
        "Vad borde utvecklas till nästa omgång?",
        "What should be improved for the next round?",
    ),
]


@transaction.atomic
def open_survey(
    user,
    round_: Round,
    *,
    anonymous: bool = True,
    intro_fi: str = "",
    intro_sv: str = "",
    is_demo: bool = False,
) -> FeedbackSurvey:
    """Open the round's feedback survey with the standard questions (the same codes every year, so rounds compare)."""
    require(user, "survey.manage")
    survey = FeedbackSurvey.objects.filter(round=round_).first()
    if survey is not None:
        if not survey.is_open:
            survey.is_open = True
            survey.stamp(user)
            survey.save()
        return survey
    survey = FeedbackSurvey(
        round=round_,
        anonymous=anonymous,
        intro_fi=intro_fi.strip(),
        intro_sv=intro_sv.strip(),
        is_demo=is_demo,
    )
    survey.stamp(user)
    survey.save()
    for order, (code, kind, fi, sv, en) in enumerate(DEFAULT_QUESTIONS, start=1):
        SurveyQuestion.objects.create(
            survey=survey, code=code, order=order, kind=kind, text_fi=fi, text_sv=sv, text_en=en
        )
    return survey


@transaction.atomic
def close_survey(user, survey: FeedbackSurvey) -> FeedbackSurvey:
    require(user, "survey.manage")
    survey.is_open = False
    survey.stamp(user)
    survey.save()
    return survey


def respondent_key(survey: FeedbackSurvey, user) -> str:
    """A keyed hash of survey and user: stops a second answer without storing who answered."""
    message = f"{survey.pk}:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def has_answered(survey: FeedbackSurvey, user) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and SurveyResponse.objects.filter(survey=survey, respondent_key=respondent_key(survey, user)).exists()
    )


@transaction.atomic
def answer_survey(
    user, survey: FeedbackSurvey, *, region: Region | None, answers: dict[str, object], is_demo: bool = False
) -> SurveyResponse:
    """Record one participant's answers: ratings 1–5 and free texts, keyed by question code.

    Anonymous surveys keep no link to the user; the keyed hash only prevents answering twice.
    """
    require(user, "survey.answer")
    if not survey.is_open:
        raise FollowUpError(_("Palautekysely on suljettu."))
    questions = {q.code: q for q in survey.questions.all()}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise FollowUpError(_("Tuntematon kysymys: %(codes)s.") % {"codes": ", ".join(unknown)})
    cleaned: list[tuple[SurveyQuestion, int | None, str]] = []
    for code, question in questions.items():
        value = answers.get(code)
        if value in (None, ""):
            continue
        if question.kind == SurveyQuestion.Kind.RATING:
            try:
                rating = int(value)
            except (TypeError, ValueError):
                rating = 0
            if not 1 <= rating <= 5:
                raise FollowUpError(
                    _("Arvio kysymykseen ”%(q)s” on annettava asteikolla 1–5.") % {"q": question.text}
                )
            cleaned.append((question, rating, ""))
        else:
            text = str(value).strip()
            if len(text) > 4000:
                raise FollowUpError(_("Vastaus on liian pitkä (enintään 4000 merkkiä)."))
            cleaned.append((question, None, text))
    if not cleaned:
        raise FollowUpError(_("Vastaa ainakin yhteen kysymykseen."))
    response = SurveyResponse(
        survey=survey,
        region=region,
        respondent=None if survey.anonymous else user,
        respondent_key=respondent_key(survey, user),
        answered_on=timezone.localdate(),
        is_demo=is_demo,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise FollowUpError(_("Olet jo vastannut tähän kyselyyn. Kiitos!")) from None
    SurveyAnswer.objects.bulk_create(
        [SurveyAnswer(response=response, question=q, rating=r, text=t) for q, r, t in cleaned]
    )
    return response


# ---------------------------------------------------------------------------------------------------
# Improvement items

IMPROVEMENT_FIELDS = ("title", "finding", "action", "owner", "status", "question_code")


@transaction.atomic
def save_improvement(
    user,
    item: ImprovementItem | None = None,
    *,
    source_round: Round,
    target_round: Round | None = None,
    is_demo: bool = False,
    **values,
) -> ImprovementItem:
    """Record (or change) an improvement the coordinator draws from a round's feedback."""
    require(user, "improvement.manage")
    title = (values.get("title") or "").strip()
    finding = (values.get("finding") or "").strip()
    if not title:
        raise FollowUpError(_("Anna kehittämiskohteelle otsikko."))
    if not finding:
        raise FollowUpError(_("Kirjaa havainto, josta kehittämiskohde nousee."))
    if target_round is not None and target_round.year <= source_round.year:
        raise FollowUpError(_("Kehittäminen kohdistuu myöhempään kierrokseen kuin havainto."))
    status = values.get("status") or ImprovementItem.ItemStatus.PROPOSED
    if status not in ImprovementItem.ItemStatus.values:
        raise FollowUpError(_("Tuntematon tila ”%(status)s”.") % {"status": status})
    item = item or ImprovementItem(is_demo=is_demo)
    item.source_round = source_round
    item.target_round = target_round
    item.title = title[:200]
    item.finding = finding
    item.action = (values.get("action") or "").strip()
    item.owner = (values.get("owner") or "").strip()[:200]
    item.status = status
    item.question_code = (values.get("question_code") or "").strip()[:40]
    item.stamp(user)
    item.save()
    return item
