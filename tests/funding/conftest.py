"""The funding tests stand on the agreements fixtures (a round, a region and an adopted split)."""

from tests.agreements.conftest import funded, okm, round_, vs  # noqa: F401
