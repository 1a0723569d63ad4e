"""The progress rules on the model: which status and progress changes are allowed."""

from datetime import date

import pytest

from alke.followup.models import RuleBroken, check_change

TODAY = date(2026, 5, 15)


def change(old_status="in_progress", old_progress=40, status="in_progress", progress=50, note="", on=TODAY):
    check_change(
        old_status=old_status,
        old_progress=old_progress,
        status=status,
        progress=progress,
        note=note,
        on=on,
        today=TODAY,
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(status="in_progress", progress=50),
        dict(status="done", progress=100),
        dict(status="dropped", progress=40, note="Rahoitus ei toteutunut."),
        dict(status="in_progress", progress=30, note="Arvio tarkistettiin."),
        dict(old_status="done", old_progress=100, status="in_progress", progress=90, note="Uusi vaihe."),
        dict(status="in_progress", progress=40, note="Ei muutosta, mutta kokous pidetty."),
        dict(old_status="not_started", old_progress=0, status="in_progress", progress=0),
    ],
)
def test_allowed(kwargs):
    change(**kwargs)


@pytest.mark.parametrize(
    "kwargs, words",
    [
        (dict(status="done", progress=90), "100"),
        (dict(status="in_progress", progress=100), "toteutunut"),
        (dict(status="not_started", progress=10), "0 %"),
        (dict(status="dropped", progress=40), "syy"),
        (dict(status="in_progress", progress=30), "laskisi 40 %:sta 30 %:iin"),
        (dict(old_status="dropped", old_progress=40, status="in_progress", progress=40), "syyn"),
        (dict(status="in_progress", progress=101), "0–100"),
        (dict(status="in_progress", progress=-1), "0–100"),
        (dict(status="valmis", progress=50), "valmis"),
        (dict(status="in_progress", progress=40), "ei muuta mitään"),
        (dict(on=date(2026, 5, 16)), "tulevaisuuteen"),
    ],
)
def test_refused_with_a_message_naming_the_rule(kwargs, words):
    with pytest.raises(RuleBroken) as error:
        change(**kwargs)
    assert words in str(error.value)
