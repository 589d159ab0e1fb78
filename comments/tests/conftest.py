import pytest

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
