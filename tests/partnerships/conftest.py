import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def finnish():
    """reverse() follows the active language, which a request to /sv/ or /en/ leaves behind in
    the test thread; each test here starts in Finnish, the unprefixed default."""
    with translation.override("fi"):
        yield
