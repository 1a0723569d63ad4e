"""Demo round (invented dates, flagged as demo): ALKE 2027 prepared in autumn 2026, discussions in February.

The 2022 model: proposals in the autumn, agendas drafted jointly December–January, discussions early in the
year. The agenda capability fills it with proposals and moves it to the agenda phase.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction

from alke.accounts.models import User
from alke.policy.models import DevelopmentDecision, Theme
from alke.rounds import services
from alke.rounds.models import Phase, Round
from alke.rounds.notifications import without_email

DEMO_YEAR = 2027
PLAN = {
    Phase.KICK_OFF: (date(2026, 8, 26), date(2026, 8, 31)),
    Phase.SITUATION: (date(2026, 9, 1), date(2026, 9, 30)),
    Phase.PROPOSALS: (date(2026, 10, 1), date(2026, 11, 13)),
    Phase.AGENDA: (date(2026, 11, 16), date(2026, 12, 18)),
    Phase.SCHEDULING: (date(2027, 1, 4), date(2027, 1, 22)),
    Phase.DISCUSSIONS: (date(2027, 2, 1), date(2027, 2, 17)),
    Phase.DOCUMENTS: (date(2027, 2, 18), date(2027, 4, 30)),
    Phase.FOLLOW_UP: (date(2027, 5, 1), date(2027, 12, 31)),
    Phase.FEEDBACK: (date(2028, 1, 1), date(2028, 1, 31)),
}


@transaction.atomic
def load_demo_round(say: Callable[[str], None]) -> None:
    """Create the demo round in its proposals phase (idempotent: an existing round is left alone)."""
    if Round.objects.filter(year=DEMO_YEAR).exists():
        say(f"round ALKE {DEMO_YEAR} already present")
        return
    coordinator = User.objects.filter(username="koordinaattori").first()
    if coordinator is None:
        say("skipped: demo users are missing")
        return
    with without_email():
        round_ = services.create_round(
            coordinator,
            year=DEMO_YEAR,
            name=f"ALKE {DEMO_YEAR}",
            common_theme=Theme.objects.filter(is_common=True).first(),
            decision=DevelopmentDecision.objects.order_by("-valid_from").first(),
            phases=PLAN,
            is_demo=True,
        )
        round_ = services.move_phase(coordinator, round_)  # situational picture
        round_ = services.move_phase(coordinator, round_)  # proposals open
    say(f"round {round_.name} created in phase {round_.get_phase_display()} (demo dates)")
