"""The text of an unfinished conclusion offered for the next round's agenda, in any language.

`carry_over` stores the candidate's title and description in Finnish, the source language; agenda packets
and pages in Swedish or English ask `candidate_text` (registered with the agenda as the "carry_over"
source) for the same text in their language: the conclusion in that language where it was written, its
deadline and the latest follow-up note as of the day it was carried over.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from alke.agreements.models import Conclusion
from alke.core import formats

TITLE_LIMIT = 190  # the candidate's and the agenda item's title hold 200 characters with the prefix


def _in(conclusion: Conclusion, lang: str) -> str:
    return (conclusion.text_sv if lang == "sv" else "") or conclusion.text_fi


def carried_over_text(conclusion: Conclusion, latest, lang: str) -> tuple[str, str]:
    """(title, description) of the carried-over `conclusion` in `lang`; `latest` is its latest update."""
    with translation.override(lang):
        text = _in(conclusion, lang)
        short = text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1] + "…"
        description = text
        if conclusion.deadline:
            description += "\n\n" + _("Määräaika oli %(date)s.") % {
                "date": formats.day(conclusion.deadline, lang=lang)
            }
        if latest is not None and latest.note:
            description += "\n" + _("Viimeisin seurantatieto (%(date)s): %(note)s") % {
                "date": formats.day(latest.on, lang=lang),
                "note": latest.note,
            }
        return _("Jatkuu: %(text)s") % {"text": short}, description


def candidate_text(candidate, lang: str) -> tuple[str, str] | None:
    """The carried-over candidate's text in `lang`, as it stood when it was carried over; None when its
    conclusion is gone."""
    from alke.followup.models import FollowUpUpdate

    kind, _sep, pk = candidate.source_key.partition(":")
    if kind != "conclusion" or not pk.isdigit():
        return None
    conclusion = Conclusion.objects.filter(pk=int(pk)).first()
    if conclusion is None:
        return None
    latest = (
        FollowUpUpdate.objects.filter(followup__conclusion=conclusion, created_at__lte=candidate.created_at)
        .order_by("-on", "-pk")
        .first()
    )
    return carried_over_text(conclusion, latest, lang)
