from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from posts.models import Post
from posts.models import post as post_models
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Count calls of the Markdown renderer made by saving posts."""
    calls = []
    real = post_models.render_post

    def counting(source):
        calls.append(source)
        return real(source)

    monkeypatch.setattr(post_models, "render_post", counting)
    return calls


def test_url_pads_the_local_date_and_keeps_the_slug():
    post = make_post(
        "A", slug="Hello.World:Again-", publish_at=datetime(2024, 1, 1, 17, tzinfo=ZoneInfo("UTC"))
    )
    assert post.get_absolute_url() == "/blog/2024/01/02/Hello.World:Again-/"
    assert post.url_key == ("Hello.World:Again-", datetime(2024, 1, 2).date())


def test_a_slug_is_made_from_the_title_when_missing():
    assert make_post("服务网格 入门 Guide").slug == "服务网格-入门-guide"


def test_the_body_is_rendered_only_when_it_changes(renders):
    post = make_post("Rendered", body="## 一")
    assert len(renders) == 1
    post = Post.objects.get(pk=post.pk)
    post.status = Post.Status.DRAFT
    post.save()
    assert len(renders) == 1
    post.body = "## 二"
    post.save()
    assert len(renders) == 2 and 'id="二"' in post.body_html


def test_a_post_loaded_without_its_body_is_rendered_on_save(renders):
    post = make_post("Deferred", body="old")
    Post.objects.filter(pk=post.pk).update(body="new text")
    post = Post.objects.defer("body").get(pk=post.pk)
    post.title = "Deferred, renamed"
    post.save()
    assert "new text" in post.body_html


def test_publishing_a_loaded_post_is_one_query():
    post = Post.objects.get(pk=make_post("Quiet", status=Post.Status.DRAFT).pk)
    post.status = Post.Status.PUBLISHED
    with CaptureQueriesContext(connection) as queries:
        post.save()
    assert len(queries) == 1
    assert queries[0]["sql"].startswith("UPDATE")


def test_published_means_published_status_and_a_past_time():
    make_post("Now")
    make_post("Draft", status=Post.Status.DRAFT)
    make_post("Later", days_ago=-1)
    assert [post.title for post in Post.objects.published()] == ["Now"]
    later = Post.objects.get(title="Later")
    assert later.is_scheduled and not later.is_published
