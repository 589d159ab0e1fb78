from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.template.loader import get_template
from django.urls import reverse
from taggit.models import Tag

from posts import views
from posts.models import Post
from posts.tests.factories import make_post, page, titles

pytestmark = pytest.mark.django_db


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


def test_made_up_tag_addresses_store_nothing(client):
    make_post("K1", tags=["Kubernetes"])
    assert client.get("/tags/kubernetes/").status_code == 200
    stored = set(cache._cache)
    for number in range(20):
        assert client.get(f"/tags/made-up-{number}/").status_code == 404
    assert set(cache._cache) == stored
    # A tag given another slug is found there, and no longer at the old one.
    tag = Tag.objects.get(slug="kubernetes")
    tag.slug = "k8s"
    tag.save()
    assert titles(client.get("/tags/k8s/")) == ["K1"]
    assert client.get("/tags/kubernetes/").status_code == 404


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


def test_favicon_ico_leads_to_the_shipped_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_tag_counts_ignore_drafts_and_future_posts_on_the_same_tag(client):
    make_post("Published", tags=["Kubernetes"])
    make_post("Draft", status=Post.Status.DRAFT, tags=["Kubernetes"])
    make_post("Future", days_ago=-2, tags=["Kubernetes"])
    tags = page(client.get(reverse("posts:tags")))
    assert [span.text for span in tags.select(".tag-list .count")] == ["1"]
    sidebar = page(client.get("/")).select_one(".tag-cloud .count")
    assert sidebar.text == "1"
    assert titles(client.get("/tags/kubernetes/")) == ["Published"]


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


def test_the_page_frame_follows_a_changed_setting_and_the_language(client, settings, post):
    settings.PAGE_CACHE = False
    settings.BLOG_TITLE = "First title"
    assert 'title="First title (Atom)"' in client.get("/").content.decode()
    settings.BLOG_TITLE = "Second title"
    chinese = client.get("/").content.decode()
    assert 'title="Second title (Atom)"' in chinese
    assert "Skip to content" not in chinese
    assert "Skip to content" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_page_rendered_without_a_request_leaves_the_frame_alone(client, settings, post):
    settings.PAGE_CACHE = False
    settings.BLOG_TITLE = "The title"
    get_template("404.html").render({})
    assert 'title="The title (Atom)"' in client.get("/").content.decode()
