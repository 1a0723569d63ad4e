"""Fixtures of the situational picture: the real statistics snapshot and the real fixture files."""

from __future__ import annotations

from pathlib import Path

import pytest

from alke.situation.services import load_snapshot

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PX_11RC = FIXTURES / "px" / "statfin_vaerak_pxt_11rc.px"
SCB_DATA = FIXTURES / "pxweb_api" / "scb_v2_TAB6471_data.json"
SCB_META = FIXTURES / "pxweb_api" / "scb_v2_TAB6471_metadata.json"


@pytest.fixture
def snapshot(reference):
    """The shipped snapshot imported and the indicators computed (real data, about a second)."""
    load_snapshot()
