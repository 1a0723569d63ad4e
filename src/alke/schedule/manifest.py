"""What the scheduling app offers the rest: its actions, read rules, the discussions' dates and demo."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alke.agenda.selectors import SESSIONS
from alke.core.manifest import Manifest
from alke.core.permissions import (
    ANY,
    OWN_MINISTRY,
    OWN_REGION,
    A,
    Action,
    C,
    M,
    R,
    any_of,
    readable_with,
)
from alke.core.registry import DEMO, NAV, REGION_PANELS, DemoLoader, NavEntry, PageSection
from alke.rounds.models import Phase as P
from alke.rounds.selectors import MILESTONES, RoundMilestone
from alke.schedule import demo, selectors

# The discussion dates are fixed early (the 2022 model: agendas drafted in December-January for discussions
# whose dates everyone already holds): the window and slots are set, availability collected, and the
# timetable computed and published while the agendas are drafted or in the scheduling phase. Once the
# discussions run nothing is re-solved under the parties' feet; single sessions may still be moved, edited
# or cancelled (every change is notified), and a party may still say it cannot come, which the coordinator
# sees as a conflict.
ACTIONS = [
    Action("schedule.manage", {C: ANY}),
    Action("schedule.view", {C: ANY, M: ANY, R: ANY, A: ANY}),
    Action("schedule.configure", {C: ANY}, phases={P.AGENDA, P.SCHEDULING}),
    Action("schedule.session", {C: ANY}, phases={P.AGENDA, P.SCHEDULING, P.DISCUSSIONS}),
    Action("schedule.solve", {C: ANY}, phases={P.AGENDA, P.SCHEDULING}),
    Action("schedule.publish", {C: ANY}, phases={P.AGENDA, P.SCHEDULING}),
    Action("schedule.move", {C: ANY}, phases={P.SCHEDULING, P.DISCUSSIONS}),
    Action(
        "availability.mark",
        {C: ANY, M: OWN_MINISTRY, R: OWN_REGION},
        phases={P.AGENDA, P.SCHEDULING, P.DISCUSSIONS},
    ),
]

_SCHEDULE = readable_with("schedule.view")

manifest = Manifest(
    "schedule",
    actions=ACTIONS,
    read_rules={
        # a party's availability marks only to that party and the coordinator
        "schedule.Timetable": _SCHEDULE,
        "schedule.TimeSlot": _SCHEDULE,
        "schedule.NonWorkingDay": _SCHEDULE,
        "schedule.Session": selectors.may_read_session_history,
        "schedule.Availability": any_of(readable_with("availability.mark"), readable_with("schedule.manage")),
    },
    contributes={
        NAV: [NavEntry(50, "schedule:index", _("Aikataulu"), action="schedule.view")],
        REGION_PANELS: [
            PageSection(50, "schedule/partials/region_panel.html", selectors.region_panel_context)
        ],
        DEMO: [DemoLoader(50, "schedule", demo.load_demo)],
        SESSIONS: [selectors.published_session_of],
        MILESTONES: [
            RoundMilestone(
                30,
                "scheduled",
                _("keskustelu aikataulutettu"),
                P.SCHEDULING,
                selectors.scheduled_region_ids,
            )
        ],
    },
)
