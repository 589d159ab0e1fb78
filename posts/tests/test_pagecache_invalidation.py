"""Every change a reader could see shows on the very next request.

Each test warms the cache (the second request runs no SQL at all), makes
one change the way the site makes it, and checks the next request.
"""

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import post_migrate
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from comments.models import Comment
from comments.tests.factories import make_comment
from posts.models import Post
from posts.signals import posts_changed_in_bulk
from posts.tests.factories import make_page, make_post, make_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    """An anonymous reader (``staff_client`` signs the ``client`` fixture in)."""
    return Client()


@pytest.fixture
def cached(reader, django_assert_num_queries):
    """GET ``url`` twice, the second time from the cache; return the text."""

    def get(url):
        reader.get(url)
        with django_assert_num_queries(0):
            response = reader.get(url)
        assert response.status_code == 200
        return response.content.decode()

    return get


def fresh(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_publishing_a_draft(reader, cached):
    draft = make_post("草稿将发布", status=Post.Status.DRAFT)
    assert "草稿将发布" not in cached("/")
    draft.status = Post.Status.PUBLISHED
    draft.save()
    assert "草稿将发布" in fresh(reader, "/")


def test_editing_a_post(reader, cached):
    post = make_post("Old title", tags=["k8s"], slug="edited", body="Body.")
    for url in ("/", post.get_absolute_url(), "/atom.xml", "/tags/k8s/", "/blog/archives/"):
        assert "Old title" in cached(url)
    post.title = "New title"
    post.save()
    for url in ("/", post.get_absolute_url(), "/atom.xml", "/tags/k8s/", "/blog/archives/"):
        text = fresh(reader, url)
        assert "New title" in text and "Old title" not in text


def test_unpublishing_a_post(reader, cached):
    post = make_post("Going away")
    url = post.get_absolute_url()
    assert "Going away" in cached(url)
    post.status = Post.Status.DRAFT
    post.save()
    assert reader.get(url).status_code == 404
    assert "Going away" not in fresh(reader, "/")


def test_deleting_a_post(reader, cached):
    post = make_post("Deleted soon", slug="deleted-soon")
    assert "deleted-soon" in cached("/sitemap.xml")
    post.delete()
    assert "deleted-soon" not in fresh(reader, "/sitemap.xml")
    assert "Deleted soon" not in fresh(reader, "/")


def test_admin_publish_and_unpublish_actions(staff_client, reader, cached):
    draft = make_post("Bulk draft", status=Post.Status.DRAFT)
    changelist = reverse("admin:posts_post_changelist")
    assert "Bulk draft" not in cached("/")
    staff_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert "Bulk draft" in cached("/")
    staff_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert "Bulk draft" not in fresh(reader, "/")


def test_renaming_a_tag(reader, cached):
    make_post("Tagged", tags=["oldname"])
    assert "oldname" in cached("/tags/")
    tag = Tag.objects.get(name="oldname")
    tag.name = "newname"
    tag.save()
    text = fresh(reader, "/tags/")
    assert ">newname<" in text and ">oldname<" not in text


def test_removing_a_tag(reader, cached):
    post = make_post("Tagged", tags=["gone", "kept"])
    assert "gone" in cached("/tags/")
    Tag.objects.get(name="gone").delete()
    assert "gone" not in fresh(reader, "/tags/")
    post.tags.remove("kept")
    assert "kept" not in fresh(reader, post.get_absolute_url())


def test_tagging_a_post(reader, cached):
    post = make_post("To be tagged")
    assert "fresh-tag" not in cached(post.get_absolute_url())
    post.tags.add("fresh-tag")
    assert "fresh-tag" in fresh(reader, post.get_absolute_url())


def test_posts_written_in_bulk(reader, cached):
    post = make_post("Before import")
    assert "Before import" in cached("/")
    Post.objects.filter(pk=post.pk).update(title="After import")
    posts_changed_in_bulk.send(sender=Post, post_ids=[post.pk])
    assert "After import" in fresh(reader, "/")


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        (Comment.Status.PENDING, Comment.Status.APPROVED, True),
        (Comment.Status.APPROVED, Comment.Status.REMOVED, False),
        (Comment.Status.APPROVED, Comment.Status.SPAM, False),
    ],
)
def test_moderating_a_comment(reader, cached, post, before, after, shown):
    comment = make_comment(post, status=before, body="被审核的评论")
    assert ("被审核的评论" in cached(post.get_absolute_url())) is (before == "approved")
    comment.status = after
    comment.save()
    assert ("被审核的评论" in fresh(reader, post.get_absolute_url())) is shown


@pytest.mark.parametrize(
    ("before", "action", "shown"),
    [
        (Comment.Status.PENDING, "approve", True),
        (Comment.Status.APPROVED, "remove", False),
        (Comment.Status.APPROVED, "mark_spam", False),
    ],
)
def test_admin_comment_actions(staff_client, reader, cached, post, before, action, shown):
    comment = make_comment(post, status=before, body="批量审核的评论")
    assert ("批量审核的评论" in cached(post.get_absolute_url())) is (before == "approved")
    staff_client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": action, "_selected_action": [comment.pk]},
    )
    assert ("批量审核的评论" in fresh(reader, post.get_absolute_url())) is shown
    # Counts on the index follow.
    assert ("1 条评论" in fresh(reader, "/")) is shown


def test_deleting_a_comment(reader, cached, post):
    comment = make_comment(post, body="将被删除的评论")
    assert "将被删除的评论" in cached(post.get_absolute_url())
    comment.delete()
    assert "将被删除的评论" not in fresh(reader, post.get_absolute_url())


def test_a_new_pending_comment_keeps_the_cache(cached, post, django_assert_num_queries):
    url = post.get_absolute_url()
    cached(url)
    make_comment(post, status=Comment.Status.PENDING)
    # Seen by no one but its author, who gets fresh pages anyway.
    cached(url)


def test_renaming_a_series(reader, cached):
    post = make_post("Part one")
    series = make_series("旧系列名", posts=[post])
    assert "旧系列名" in cached(series.get_absolute_url())
    series.title = "新系列名"
    series.save()
    for url in (series.get_absolute_url(), post.get_absolute_url(), "/"):
        assert "新系列名" in fresh(reader, url)


def test_editing_a_standalone_page(reader, cached):
    about = make_page("关于本站", show_in_navigation=True)
    assert "关于本站" in cached("/")
    about.title = "关于作者"
    about.save()
    assert "关于作者" in fresh(reader, "/")
    assert "关于作者" in fresh(reader, about.get_absolute_url())
    about.delete()
    assert "关于作者" not in fresh(reader, "/")


def test_a_deploy_forgets_the_pages_of_the_previous_release(reader, cached):
    cached("/")
    # What `migrate` sends for this app when a new release starts.
    config = apps.get_app_config("posts")
    post_migrate.send(
        sender=config,
        app_config=config,
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )
    with CaptureQueriesContext(connection) as queries:
        assert reader.get("/").status_code == 200
    assert len(queries) > 0
