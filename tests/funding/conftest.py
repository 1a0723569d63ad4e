"""The funding tests stand on the agreements fixtures (a round and an adopted split); `vs` and `okm` come from
tests/conftest.py."""

from tests.agreements.conftest import funded, round_  # noqa: F401
