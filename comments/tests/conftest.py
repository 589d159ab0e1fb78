import pytest
from django.test import Client

from comments import spam


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand (the comment form's timer reads it)."""

    class Clock:
        value = 1_800_000_000.0

        def advance(self, seconds):
            self.value += seconds

    fake = Clock()
    monkeypatch.setattr(spam, "now", lambda: fake.value)
    return fake


@pytest.fixture
def browser():
    """A client that checks CSRF tokens, as a real browser's requests are checked."""
    return Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0 test")
