"""Test data for the posts app."""

from datetime import timedelta

from django.utils import timezone

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
