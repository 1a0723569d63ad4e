"""Upper bounds on the queries of the pages and API reads that bench/load.py drives, with demo content.

A per-row query (N+1) makes a page's count grow with the data; the demo content has tens of proposals,
conclusions, documents and sessions, so such a regression overshoots these bounds. Each page is asked
twice and the second request counted: cached derived data (the situational picture) is then warm, as it
is under load. The bounds leave a little room for a new feature's constant few queries.
"""

from __future__ import annotations

import pytest
from django.test import Client

from alke.agenda.models import Agenda
from alke.rounds.models import Round
from tests.conftest import demo_user

pytestmark = [pytest.mark.django_db, pytest.mark.demo_data]

SLACK = 3

# (who, path, the number of queries measured when the bound was set)
PUBLIC = [
    ("/", 3),
    ("/maakunnat/MK02/", 13),
    ("/haku/?q=osaaminen", 9),
    ("/tilannekuva/", 3),
    ("/api/v1/regions", 4),
    ("/api/v1/conclusions?limit=20", 9),
    ("/api/v1/open-data/municipalities?format=json&region=MK02", 3),
]
COORDINATOR = [
    ("/", 6),
    ("/maakunnat/MK02/", 24),
    ("/kierrokset/", 6),
    ("/kierrokset/{year}/", 13),
    ("/agenda/", 6),
    ("/agenda/{year}/ehdotukset/", 10),
    ("/agenda/{year}/agendat/", 9),
    ("/agenda/agendat/{agenda}/", 25),
]


def _check(client: Client, path: str, measured: int, django_assert_max_num_queries) -> None:
    first = client.get(path)
    assert first.status_code == 200, path
    with django_assert_max_num_queries(measured + SLACK, info=path):
        response = client.get(path)
    assert response.status_code == 200, path


def test_pages_under_load_stay_within_their_query_budget(django_assert_max_num_queries):
    year = Round.objects.order_by("-year").values_list("year", flat=True).first()
    agenda = Agenda.objects.filter(round__year=year).order_by("pk").values_list("pk", flat=True).first()
    assert year and agenda, "the demo content has a round with agendas"

    anonymous = Client()
    for path, measured in PUBLIC:
        _check(anonymous, path, measured, django_assert_max_num_queries)

    coordinator = Client()
    coordinator.force_login(demo_user("koordinaattori"))
    for path, measured in COORDINATOR:
        _check(coordinator, path.format(year=year, agenda=agenda), measured, django_assert_max_num_queries)
