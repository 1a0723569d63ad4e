"""alke.core.cache: cached derived data is rebuilt after a bump, per language, and after statistics change."""

from __future__ import annotations

import pytest
from django.utils import translation

from alke.core.cache import STATS, bump, cached
from alke.situation.models import Indicator


def test_cached_until_bumped_and_per_language():
    calls = []

    def build():
        calls.append(translation.get_language())
        return len(calls)

    assert cached("test", "k", build) == 1
    assert cached("test", "k", build) == 1
    with translation.override("sv"):
        assert cached("test", "k", build) == 2
    bump("test")
    assert cached("test", "k", build) == 3


@pytest.mark.django_db
def test_saving_an_indicator_drops_cached_pictures(reference):
    assert cached(STATS, "probe", lambda: "old") == "old"
    Indicator.objects.create(code="probe", name_fi="Koetin", dataset_code="x")
    assert cached(STATS, "probe", lambda: "new") == "new"
