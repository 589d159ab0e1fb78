"""Fixtures for the whole suite: test settings, a clean cache around every
test, and the clients and data most apps' tests need."""

import pytest
from django.core.cache import cache
from django.utils import translation

from blog import outages
from comments import spam
from posts.pagecache import memory
from posts.tests.factories import make_post


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Plain static storage: no collectstatic needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Hashing passwords properly is slow on purpose; tests sign in often.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache(_test_settings):
    """Rate limits, tokens, throttles and pages in the cache never leak between tests."""
    cache.clear()
    memory.pages.clear()
    yield
    cache.clear()
    memory.pages.clear()


@pytest.fixture
def post(db):
    """A published post open for comments."""
    return make_post("可以评论的文章", slug="open-post")


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        "editor", "editor@example.com", "pw-editor-123", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


@pytest.fixture
def english(settings):
    """Run in English, for tests that read messages (the site defaults to Chinese)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _services_up(monkeypatch):
    """An outage one test simulated is not carried into the next one."""
    monkeypatch.setattr(outages, "DATABASE", outages.Outage("database"))
    monkeypatch.setattr(outages, "CACHE", outages.Outage("cache"))


@pytest.fixture
def cache_away(settings):
    """Django's cache is a Redis server that refuses every connection."""
    settings.CACHES = {
        "default": {
            "BACKEND": "blog.cache.SharedClientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    yield
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


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
