from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation

from posts.comments import spam
from posts.models import Post


def make_post(title="A post", *, tags=(), days_ago=1, **fields):
    """Create a post published ``days_ago`` days ago (negative: in the future)."""
    fields.setdefault("body", f"Body of {title}.")
    fields.setdefault("status", Post.Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=days_ago))
    post = Post.objects.create(title=title, **fields)
    if tags:
        post.tags.set(list(tags))
    return post


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
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand."""

    class Clock:
        value = 1_800_000_000.0

        def advance(self, seconds):
            self.value += seconds

    fake = Clock()
    monkeypatch.setattr(spam, "now", lambda: fake.value)
    return fake


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0 test")
