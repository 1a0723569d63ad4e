"""Reminders of conclusions whose deadline is near or past, or with no recent update."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.accounts.models import User
from alke.agreements.models import Conclusion
from alke.core.permissions import Role
from alke.followup.models import (
    OPEN_STATUSES,
    ConclusionFollowUp,
)
from alke.followup.selectors import tracked_conclusions
from alke.followup.services.updates import ensure_followups


def responsible_users(conclusion: Conclusion, followup: ConclusionFollowUp | None = None):
    """The people who report on a conclusion: the named reporting organisation's members when one is named,
    otherwise the region's officials, the responsible ministries' officials and the named organisations' contacts.
    """
    from django.db.models import Q

    members = Q(memberships__is_active=True)
    if followup is not None and followup.responsible_organisation_id:
        scope = Q(memberships__organisation_id=followup.responsible_organisation_id)
    else:
        scope = Q(memberships__role=Role.REGION, memberships__organisation__region_id=conclusion.region_id)
        ministry_ids = list(conclusion.ministries.values_list("pk", flat=True))
        if ministry_ids:
            scope |= Q(
                memberships__role=Role.MINISTRY, memberships__organisation__ministry_id__in=ministry_ids
            )
        org_ids = list(conclusion.organisations.values_list("pk", flat=True))
        if org_ids:
            scope |= Q(memberships__role=Role.CONTACT, memberships__organisation_id__in=org_ids)
    return User.objects.filter(members & scope, is_active=True).distinct()


@dataclass
class ReminderResult:
    upcoming: int = 0
    overdue: int = 0
    stale: int = 0
    notifications: int = 0
    conclusions: list[int] = field(default_factory=list)


@transaction.atomic
def send_reminders(today: date | None = None, days_before: int = 30, stale_days: int = 90) -> ReminderResult:
    """Remind the responsible people of open conclusions whose deadline is near or past, or with no update
    for `stale_days`. Idempotent: each person gets each reminder once (keyed by conclusion and date), so the
    command can run daily; mail goes at once or in the daily digest as each user chose.
    """
    from alke.rounds.notifications import notify

    today = today or timezone.localdate()
    result = ReminderResult()
    conclusions = (
        tracked_conclusions()
        .select_related("round", "region")
        .prefetch_related("ministries", "organisations")
    )
    ensure_followups(conclusions)
    for followup in ConclusionFollowUp.objects.filter(
        conclusion__in=conclusions, status__in=OPEN_STATUSES
    ).select_related("conclusion", "conclusion__round", "conclusion__region"):
        c = followup.conclusion
        url = reverse("followup:conclusion", args=[c.pk])
        messages = []
        if c.deadline and c.deadline < today:
            result.overdue += 1
            messages.append(
                (
                    f"followup:overdue:{c.pk}:{c.deadline.isoformat()}",
                    _("Määräaika ohitettu: %(region)s, %(round)s")
                    % {"region": c.region.name, "round": c.round.name},
                    _(
                        "Johtopäätöksen määräaika oli %(date)s, ja se on yhä kesken (%(progress)s %%). Päivitä tilanne: %(text)s"
                    )
                    % {
                        "date": c.deadline.strftime("%d.%m.%Y"),
                        "progress": followup.progress,
                        "text": c.text_fi[:300],
                    },
                )
            )
        elif c.deadline and c.deadline <= today + timedelta(days=days_before):
            result.upcoming += 1
            messages.append(
                (
                    f"followup:deadline:{c.pk}:{c.deadline.isoformat()}",
                    _("Määräaika lähestyy %(date)s: %(region)s")
                    % {"date": c.deadline.strftime("%d.%m.%Y"), "region": c.region.name},
                    _("Johtopäätöksen määräaika on %(date)s (edistyminen nyt %(progress)s %%): %(text)s")
                    % {
                        "date": c.deadline.strftime("%d.%m.%Y"),
                        "progress": followup.progress,
                        "text": c.text_fi[:300],
                    },
                )
            )
        last = followup.last_update_on or followup.created_at.date()
        if last <= today - timedelta(days=stale_days):
            result.stale += 1
            messages.append(
                (
                    f"followup:stale:{c.pk}:{last.isoformat()}",
                    _("Ei päivityksiä %(days)s päivään: %(region)s, %(round)s")
                    % {"days": (today - last).days, "region": c.region.name, "round": c.round.name},
                    _("Johtopäätöksestä ei ole raportoitu %(date)s jälkeen. Kerro, miten se etenee: %(text)s")
                    % {"date": last.strftime("%d.%m.%Y"), "text": c.text_fi[:300]},
                )
            )
        if not messages:
            continue
        users = list(responsible_users(c, followup))
        for key, subject, body in messages:
            result.notifications += len(notify(users, subject, body, url, c.round, key=key))
        result.conclusions.append(c.pk)
    return result
