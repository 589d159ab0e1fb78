from datetime import datetime, timedelta
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from posts import views
from posts.models import Post
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [a.text for a in page(response).select(".entry-title a")]


@pytest.fixture
def hidden_posts():
    make_post("Draft post", status=Post.Status.DRAFT, tags=["secret-tag"])
    make_post("Future post", days_ago=-3, tags=["secret-tag"])


def test_index_lists_published_posts_newest_first(client, hidden_posts):
    make_post("Old", days_ago=10)
    make_post("New", days_ago=1)
    response = client.get(reverse("posts:index"))
    assert response.status_code == 200
    assert titles(response) == ["New", "Old"]


def test_index_entry_has_date_comment_link_excerpt_and_read_on(client):
    post = make_post("Entry", body="第一段。\n\n<!-- more -->\n\n第二段。")
    entry = page(client.get("/")).select_one("article.entry")
    assert entry.select_one("time")["datetime"].startswith(str(post.publish_date))
    comments = entry.select_one(f'a[href="{post.get_absolute_url()}#comments"]')
    assert comments.text.strip() == "0 条评论"
    assert "第一段" in entry.text and "第二段" not in entry.text
    assert entry.select_one("a.read-on")["href"] == post.get_absolute_url()


def test_pagination(client, settings):
    settings.POSTS_PER_PAGE = 2
    for number in range(5):
        make_post(f"P{number}", days_ago=number + 1)
    assert titles(client.get("/")) == ["P0", "P1"]
    assert titles(client.get("/page/2/")) == ["P2", "P3"]
    assert titles(client.get("/page/3/")) == ["P4"]
    # ?page= is not another address for the same page.
    assert titles(client.get("/?page=2")) == ["P0", "P1"]
    older = page(client.get("/")).select_one("a.older")["href"]
    assert older == "/page/2/"
    assert page(client.get("/page/2/")).select_one("a.newer")["href"] == "/"


@pytest.mark.parametrize(
    "url",
    [
        "/page/1/",
        "/page/0/",
        "/page/4/",
        "/page/99999999999999999999/",
        "/page/abc/",
        "/page/-1/",
        "/page/2x/",
    ],
)
def test_bad_pages_are_404(client, settings, url):
    settings.POSTS_PER_PAGE = 2
    for number in range(5):
        make_post(f"P{number}", days_ago=number + 1)
    response = client.get(url)
    assert response.status_code == 404


def test_styled_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert page(response).select_one("header.site-header") is not None


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


def test_archives_grouped_by_local_year(client):
    make_post("Year end", publish_at=datetime(2023, 12, 31, 20, tzinfo=ZoneInfo("UTC")))
    make_post("Mid year", publish_at=datetime(2023, 6, 1, tzinfo=ZoneInfo("UTC")))
    html = page(client.get(reverse("posts:archives")))
    years = {
        section.h2.text: [a.text for a in section.select("a")]
        for section in html.select(".archive-year")
    }
    assert years == {"2024": ["Year end"], "2023": ["Mid year"]}


def test_tag_pages(client, settings, hidden_posts):
    settings.POSTS_PER_PAGE = 1
    make_post("K1", tags=["Kubernetes"], days_ago=2)
    make_post("K2", tags=["Kubernetes", "容器"], days_ago=1)
    tags = page(client.get(reverse("posts:tags")))
    counts = {a.text: a.find_next_sibling("span").text for a in tags.select(".tag-list a")}
    assert counts == {"Kubernetes": "2", "容器": "1"}
    assert titles(client.get("/tags/kubernetes/")) == ["K2"]
    assert titles(client.get("/tags/kubernetes/page/2/")) == ["K1"]
    assert client.get("/tags/kubernetes/page/3/").status_code == 404
    assert client.get("/tags/kubernetes/page/1/").status_code == 404
    assert titles(client.get("/tags/容器/")) == ["K2"]
    assert client.get("/tags/nope/").status_code == 404


def test_category_urls_redirect_to_tags(client):
    make_post("K", tags=["Kubernetes", "Service Mesh"])
    response = client.get("/blog/categories/kubernetes/")
    assert response.status_code == 301
    assert response["Location"] == "/tags/kubernetes/"
    assert client.get("/blog/categories/service-mesh/")["Location"] == "/tags/service-mesh/"
    assert client.get("/blog/categories/unknown/").status_code == 404


def test_sidebar_shows_recent_posts_and_tags(client, hidden_posts):
    make_post("Recent one", tags=["Go"])
    sidebar = page(client.get("/")).select_one("aside.sidebar")
    assert [a.text for a in sidebar.select(".widget a")][:1] == ["Recent one"]
    assert "Draft post" not in sidebar.text
    assert "Go" in sidebar.text


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_database_down(client, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise OperationalError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def build_posts(count):
    for number in range(count):
        make_post(f"Post {number}", days_ago=number + 1, tags=[f"t{number % 7}", "common"])


@pytest.mark.parametrize(
    "url",
    ["/", "/tags/common/", "/blog/archives/", "/tags/", "POST"],
)
def test_query_count_does_not_grow_with_posts(client, url):
    def count_queries():
        target = url
        if url == "POST":
            target = Post.objects.published().order_by("publish_at")[1].get_absolute_url()
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(target).status_code == 200
        return len(captured)

    build_posts(1 + (url == "POST"))
    small = count_queries()
    build_posts(50)
    assert count_queries() == small
    # The first page after a change also fills the sidebar (recent posts, tags,
    # series), the navigation's pages and looks up the next scheduled post
    # (see posts.pagecache); the next ones do not.
    assert small <= 11


def test_interface_speaks_chinese_by_default_and_english_on_request(client, settings):
    make_post("Entry")
    assert "阅读全文 →" in client.get("/").content.decode()
    settings.LANGUAGE_CODE = "en"
    assert "Read on →" in client.get("/").content.decode()


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


def test_favicon_ico_leads_to_the_shipped_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


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


def test_tag_counts_ignore_drafts_and_future_posts_on_the_same_tag(client):
    make_post("Published", tags=["Kubernetes"])
    make_post("Draft", status=Post.Status.DRAFT, tags=["Kubernetes"])
    make_post("Future", days_ago=-2, tags=["Kubernetes"])
    tags = page(client.get(reverse("posts:tags")))
    assert [span.text for span in tags.select(".tag-list .count")] == ["1"]
    sidebar = page(client.get("/")).select_one(".tag-cloud .count")
    assert sidebar.text == "1"
    assert titles(client.get("/tags/kubernetes/")) == ["Published"]


def test_healthz_answers_over_plain_http_when_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_server_errors_get_the_styled_500_page(client, monkeypatch):
    def broken(self, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.ArchiveView, "get_queryset", broken)
    client.raise_request_exception = False
    response = client.get(reverse("posts:archives"))
    assert response.status_code == 500
    html = page(response)
    assert "服务器" in html.select_one("h1").text
    assert html.select_one('link[rel="stylesheet"]')["href"].endswith("site.css")


def test_archives_come_in_pages_of_equal_cost(client, monkeypatch):
    monkeypatch.setattr(views.ArchiveView, "page_size", 2)
    for number in range(5):
        make_post(f"Archived {number}", days_ago=number + 1)
    first = page(client.get(reverse("posts:archives")))
    assert [a.text for a in first.select(".archive-year a")] == ["Archived 0", "Archived 1"]
    older = first.select_one(".pagination a.older")["href"]
    assert older == reverse("posts:archives_page", kwargs={"page": 2})
    last = page(client.get(reverse("posts:archives_page", kwargs={"page": 3})))
    assert [a.text for a in last.select(".archive-year a")] == ["Archived 4"]
    assert last.select_one(".pagination a.older") is None
    assert client.get(reverse("posts:archives_page", kwargs={"page": 4})).status_code == 404
    assert client.get("/blog/archives/page/1/").status_code == 404
