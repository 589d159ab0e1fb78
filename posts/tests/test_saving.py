from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import OldPermalink, Post, Revision, save_in_bulk
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def new_post(title, **fields):
    fields.setdefault("body", f"# {title}\n\nText.")
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    return Post(title=title, status=Post.Status.PUBLISHED, **fields)


def test_new_posts_are_slugged_rendered_and_written_in_a_few_queries(django_assert_num_queries):
    posts = [new_post(f"Post {number}") for number in range(30)]
    # The INSERT, and the transaction's savepoint and its release.
    with django_assert_num_queries(3):
        changed = save_in_bulk(posts)
    assert changed == [post.pk for post in posts]
    stored = Post.objects.get(pk=posts[0].pk)
    assert (stored.slug, stored.body_html) == ("post-0", posts[0].body_html)
    assert '<h2 id="post-0">' in stored.body_html
    assert stored.created_at and stored.updated_at


def test_a_changed_text_keeps_a_revision_and_an_unchanged_one_does_not():
    edited, same = make_post("Edited", body="old"), make_post("Same", body="same")
    edited_at = Post.objects.get(pk=edited.pk).updated_at
    edited, same = Post.objects.get(pk=edited.pk), Post.objects.get(pk=same.pk)
    edited.body, same.pinned = "new", True
    assert save_in_bulk([edited, same]) == [edited.pk]
    assert [(r.title, r.body) for r in Revision.objects.all()] == [("Edited", "old")]
    stored = Post.objects.get(pk=edited.pk)
    assert (stored.body_html, Post.objects.get(pk=same.pk).pinned) == ("<p>new</p>", True)
    assert stored.updated_at > edited_at


def test_a_moved_post_leaves_a_redirect_like_a_single_save():
    post = Post.objects.get(pk=make_post("Moved").pk)
    old_slug, old_day = post.url_key
    post.slug = "elsewhere"
    save_in_bulk([post])
    assert list(OldPermalink.objects.values_list("slug", "date", "post")) == [
        (old_slug, old_day, post.pk)
    ]


def test_nothing_to_save_is_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert save_in_bulk([]) == []
