"""Feedback survey results, one round and compared across rounds."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import mean

from alke.followup.models import (
    FeedbackSurvey,
    SurveyAnswer,
    SurveyQuestion,
)


@dataclass
class QuestionResult:
    question: SurveyQuestion
    ratings: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.ratings) if self.question.kind == SurveyQuestion.Kind.RATING else len(self.texts)

    @property
    def mean(self) -> float | None:
        return round(mean(self.ratings), 2) if self.ratings else None

    @property
    def distribution(self) -> list[int]:
        return [self.ratings.count(v) for v in range(1, 6)]


def survey_results(survey: FeedbackSurvey, region_id: int | None = None) -> list[QuestionResult]:
    """Each question with its ratings or texts; texts in a stable but not answering order."""
    results = {q.pk: QuestionResult(q) for q in survey.questions.all()}
    answers = SurveyAnswer.objects.filter(response__survey=survey)
    if region_id:
        answers = answers.filter(response__region_id=region_id)
    for question_id, rating, text in answers.order_by("question_id", "text", "pk").values_list(
        "question_id", "rating", "text"
    ):
        result = results[question_id]
        if rating is not None:
            result.ratings.append(rating)
        if text:
            result.texts.append(text)
    return list(results.values())


def survey_comparison() -> tuple[list[FeedbackSurvey], list[dict]]:
    """Mean rating of each rating question across rounds, matched by question code."""
    surveys = list(FeedbackSurvey.objects.select_related("round").order_by("round__year"))
    table: dict[str, dict] = {}
    for survey in surveys:
        for result in survey_results(survey):
            if result.question.kind != SurveyQuestion.Kind.RATING:
                continue
            row = table.setdefault(
                result.question.code,
                {"code": result.question.code, "label": result.question.text, "means": {}, "n": {}},
            )
            row["means"][survey.round.year] = result.mean
            row["n"][survey.round.year] = result.n
    return surveys, list(table.values())


def survey_mean(survey: FeedbackSurvey) -> float | None:
    ratings = list(
        SurveyAnswer.objects.filter(response__survey=survey, rating__isnull=False).values_list(
            "rating", flat=True
        )
    )
    return round(mean(ratings), 2) if ratings else None
