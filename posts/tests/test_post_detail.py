"""One post at its permalink: addresses, previews, scheduling, neighbours."""

from datetime import datetime, timedelta
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from posts.models import Post
from posts.tests.factories import make_post, page, titles

pytestmark = pytest.mark.django_db


def test_post_detail_with_chinese_slug(client):
    post = make_post(
        "服务网格入门",
        slug="服务网格入门",
        body="## 第一节\n\n```go\nfunc main() {}\n```\n",
        tags=["Kubernetes", "微服务"],
    )
    url = post.get_absolute_url()
    assert unquote(url).endswith("/服务网格入门/")
    response = client.get(url)
    assert response.status_code == 200
    html = page(response)
    assert html.select_one("h1.entry-title").text == "服务网格入门"
    assert [a.text for a in html.select(".post-tags a")] == ["Kubernetes", "微服务"]
    assert html.select_one(".entry-content h2")["id"] == "第一节"
    assert html.select_one(".entry-content .highlight span.kd").text == "func"
    assert html.select_one(".reading-time") is not None


def test_post_url_date_is_in_the_blog_time_zone(client, settings):
    # 2024-01-01 20:00 UTC is already 2 January in Shanghai.
    post = make_post("Late", publish_at=datetime(2024, 1, 1, 20, tzinfo=ZoneInfo("UTC")))
    assert post.get_absolute_url() == "/blog/2024/01/02/late/"
    assert client.get("/blog/2024/01/02/late/").status_code == 200


@pytest.mark.parametrize("wrong", ["/blog/2020/01/01/right/", "/blog/2024/13/45/right/"])
def test_wrong_date_redirects_permanently(client, wrong):
    post = make_post("Right", slug="right")
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()


def test_same_slug_on_two_dates_each_has_its_url(client):
    first = make_post("First", slug="same", days_ago=5)
    second = make_post("Second", slug="same", days_ago=2)
    assert (
        page(client.get(first.get_absolute_url())).h1.text
        != page(client.get(second.get_absolute_url())).h1.text
    )


def test_unknown_slug_is_404(client):
    assert client.get("/blog/2024/01/01/nothing/").status_code == 404


def test_drafts_and_future_posts_are_invisible_to_readers(client, hidden_posts):
    make_post("Visible", tags=["public"])
    for url in ["/", reverse("posts:archives"), reverse("posts:tags")]:
        text = client.get(url).content.decode()
        assert "Draft post" not in text and "Future post" not in text
        assert "secret-tag" not in text
    for post in Post.objects.exclude(title="Visible"):
        assert client.get(post.get_absolute_url()).status_code == 404
    assert client.get(reverse("posts:tag", kwargs={"slug": "secret-tag"})).status_code == 404


def test_staff_preview_of_draft_and_scheduled_posts(staff_client, hidden_posts):
    for post in Post.objects.all():
        response = staff_client.get(post.get_absolute_url())
        assert response.status_code == 200
        assert page(response).select_one(".preview-banner") is not None
        assert page(response).select_one('meta[name="robots"]')["content"].startswith("noindex")


def test_scheduled_post_appears_when_its_time_comes(client, monkeypatch):
    post = make_post("Soon", days_ago=-1)
    assert "Soon" not in titles(client.get("/"))
    # No one touches anything: only the clock moves past the publish time.
    later = post.publish_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Soon" in titles(client.get("/"))


def test_previous_next_and_related(client):
    older = make_post("Older", days_ago=3, tags=["k8s", "go"])
    current = make_post("Current", days_ago=2, tags=["k8s", "go"])
    newer = make_post("Newer", days_ago=1, tags=["k8s"])
    make_post("Unrelated", days_ago=4, tags=["cooking"])
    html = page(client.get(current.get_absolute_url()))
    assert html.select_one(".post-nav a.prev")["href"] == older.get_absolute_url()
    assert html.select_one(".post-nav a.next")["href"] == newer.get_absolute_url()
    related = [a.text for a in html.select(".related a")]
    assert related == ["Older", "Newer"]


def test_toc_shown_for_long_posts_only(client):
    long = make_post("Long", body="## 一\n\n## 二\n\n## 三\n")
    short = make_post("Short", body="## 一\n")
    assert page(client.get(long.get_absolute_url())).select_one(".toc-box") is not None
    assert page(client.get(short.get_absolute_url())).select_one(".toc-box") is None


def test_scheduled_post_appears_exactly_at_its_time(staff_client, monkeypatch):
    client = Client()  # A reader; staff_client is logged in.
    moment = timezone.now().replace(microsecond=0) + timedelta(hours=2)
    post = make_post("On the hour", publish_at=moment)
    url = post.get_absolute_url()
    # Staff preview it before its time; readers get a 404 until the moment it is due.
    assert page(staff_client.get(url)).select_one(".preview-banner") is not None
    monkeypatch.setattr(timezone, "now", lambda: moment - timedelta(microseconds=1))
    assert client.get(url).status_code == 404
    assert "On the hour" not in titles(client.get("/"))
    assert list(Post.objects.scheduled()) == [post]
    monkeypatch.setattr(timezone, "now", lambda: moment)
    assert client.get(url).status_code == 200
    assert "On the hour" in titles(client.get("/"))
    assert not Post.objects.scheduled().exists()


def test_posts_published_at_the_same_moment_are_all_reachable(client):
    moment = timezone.now() - timedelta(days=2)
    oldest = make_post("Oldest", days_ago=5)
    first = make_post("Same A", publish_at=moment)
    second = make_post("Same B", publish_at=moment)
    # The index shows B, A, Oldest: each post links to its neighbours there.
    assert titles(client.get("/")) == ["Same B", "Same A", "Oldest"]
    chain = {}
    for post in (second, first, oldest):
        html = page(client.get(post.get_absolute_url()))
        older = html.select_one(".post-nav a.prev")
        newer = html.select_one(".post-nav a.next")
        chain[post.title] = (older and older["href"], newer and newer["href"])
    assert chain == {
        "Same B": (first.get_absolute_url(), None),
        "Same A": (oldest.get_absolute_url(), second.get_absolute_url()),
        "Oldest": (None, first.get_absolute_url()),
    }
