import pytest
from django.test import Client


@pytest.fixture
def browser():
    """A client that checks CSRF tokens, as a real browser's requests are checked."""
    return Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0 test")
