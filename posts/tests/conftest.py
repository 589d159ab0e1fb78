from datetime import timedelta

import pytest
from django.utils import timezone, translation

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
