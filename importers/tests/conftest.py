import pytest

from importers.tests.factories import run_import


@pytest.fixture
def imported(settings):
    """The Octopress fixture site imported, in English; what the command printed."""
    settings.LANGUAGE_CODE = "en"
    return run_import()
