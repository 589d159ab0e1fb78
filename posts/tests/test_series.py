"""Series: reading order, the parts on a post's page, the series' pages and feed, the admin."""

from urllib.parse import unquote

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from posts.models import Post, Series
from posts.tests.factories import make_post, make_series

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def k8s():
    """A series of three published parts, a draft and a scheduled part, and a post outside."""
    parts = [
        make_post("K8s之核心概念", slug="concepts", days_ago=30),
        make_post("K8s之核心架构", slug="architecture", days_ago=20),
        make_post("K8s之Pod", slug="pod", days_ago=10),
    ]
    series = make_series("K8s之旅", posts=parts, description="从概念到 Pod。")
    make_post("K8s之草稿", slug="draft", status=Post.Status.DRAFT, series=series, series_order=4)
    make_post("K8s之未来", slug="future", days_ago=-2, series=series, series_order=5)
    make_post("Unrelated", slug="unrelated", days_ago=5)
    return series, parts


def test_a_chinese_title_keeps_a_chinese_slug():
    assert Series.objects.create(title="微服务实战（2）").slug == "微服务实战-2"
    assert Series.objects.create(title="K8s之核心概念").slug == "k8s之核心概念"


def test_numbered_parts_come_first_then_the_rest_by_date():
    series = Series.objects.create(title="Mixed")
    late = make_post("Unnumbered late", days_ago=1, series=series)
    second = make_post("Second", days_ago=2, series=series, series_order=2)
    early = make_post("Unnumbered early", days_ago=9, series=series)
    first = make_post("First", days_ago=3, series=series, series_order=1)
    parts = list(series.parts(Post.objects.published()))
    assert parts == [first, second, early, late]


def test_without_numbers_a_series_reads_in_date_order():
    series = Series.objects.create(title="By date")
    newer = make_post("Newer", days_ago=1, series=series)
    older = make_post("Older", days_ago=5, series=series)
    assert list(series.parts(Post.objects.published())) == [older, newer]


def test_a_post_shows_its_series_parts_with_itself_marked(client, k8s):
    series, (concepts, architecture, pod) = k8s
    page = soup(client.get(architecture.get_absolute_url()))
    box = page.select_one("nav.series-box")
    assert box.select_one(".series-name a")["href"] == series.get_absolute_url()
    assert unquote(series.get_absolute_url()) == "/series/k8s之旅/"
    assert "第 2 篇" in box.select_one(".series-name").text
    links = box.select("ol.series-parts > li > a")
    assert [a.text for a in links] == ["K8s之核心概念", "K8s之核心架构", "K8s之Pod"]
    assert [a.get("aria-current") for a in links] == [None, "page", None]
    steps = page.select_one("nav.series-steps")
    assert steps.select_one("a.prev")["href"] == concepts.get_absolute_url()
    assert steps.select_one("a.next")["href"] == pod.get_absolute_url()


def test_the_first_and_last_parts_link_one_way_only(client, k8s):
    _series, (concepts, architecture, pod) = k8s
    first = soup(client.get(concepts.get_absolute_url())).select_one("nav.series-steps")
    assert first.select_one("a.prev") is None
    assert first.select_one("a.next")["href"] == architecture.get_absolute_url()
    last = soup(client.get(pod.get_absolute_url())).select_one("nav.series-steps")
    assert last.select_one("a.prev")["href"] == architecture.get_absolute_url()
    assert last.select_one("a.next") is None


def test_a_post_outside_any_series_shows_no_series_box(client, k8s):
    page = soup(client.get(Post.objects.get(slug="unrelated").get_absolute_url()))
    assert page.select("nav.series-box, nav.series-steps") == []


def test_staff_previewing_a_draft_part_see_it_in_its_place(staff_client, k8s):
    draft = Post.objects.get(slug="draft")
    box = soup(staff_client.get(draft.get_absolute_url())).select_one("nav.series-box")
    links = box.select("ol.series-parts a")
    assert [a.text for a in links] == ["K8s之核心概念", "K8s之核心架构", "K8s之Pod", "K8s之草稿"]
    assert links[-1]["aria-current"] == "page"


def test_series_page_lists_published_parts_in_order(client, k8s):
    series, parts = k8s
    page = soup(client.get(series.get_absolute_url()))
    assert page.select_one("h1").text == "系列：K8s之旅"
    items = page.select("ol.series-toc > li > a")
    assert [a["href"] for a in items] == [post.get_absolute_url() for post in parts]
    feed_url = reverse("posts:series_atom", kwargs={"slug": series.slug})
    assert unquote(feed_url) == "/series/k8s之旅/atom.xml"
    feed = page.select_one(f'link[rel="alternate"][href="{feed_url}"]')
    assert feed["type"] == "application/atom+xml"


def test_a_series_without_published_parts_is_a_404(client):
    series = make_series("Empty")
    make_post("Draft", status=Post.Status.DRAFT, series=series)
    assert client.get(series.get_absolute_url()).status_code == 404
    assert client.get(reverse("posts:series_atom", kwargs={"slug": series.slug})).status_code == 404
    assert client.get("/series/no-such-series/").status_code == 404


def test_series_list_and_sidebar_show_series_with_published_counts(client, k8s):
    series, _parts = k8s
    make_series("Only drafts", posts=[make_post("D", status=Post.Status.DRAFT)])
    page = soup(client.get(reverse("posts:series_list")))
    entries = page.select("ul.series-index > li")
    assert [entry.select_one("h2 a").text for entry in entries] == ["K8s之旅"]
    assert "3 篇文章" in entries[0].select_one(".meta").text
    widget = soup(client.get("/")).select_one("ul.series-widget")
    assert [a.text for a in widget.select("a")] == ["K8s之旅"]
    assert widget.select_one(".count").text == "3"
    assert widget.find_next("a", href="/series/") is not None


def test_series_feed_is_valid_atom_with_the_published_parts(client, k8s):
    series, parts = k8s
    response = client.get(reverse("posts:series_atom", kwargs={"slug": series.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Happy Coding, Happy Life：系列“K8s之旅”"
    assert feed.feed.subtitle == "从概念到 Pod。"
    assert feed.feed.link == "http://testserver/series/k8s%E4%B9%8B%E6%97%85/"
    assert [entry.title for entry in feed.entries] == [post.title for post in reversed(parts)]
    assert all(entry.content[0].value for entry in feed.entries)


def test_series_feed_changes_its_etag_when_the_series_is_renamed(client, k8s):
    series, _parts = k8s
    url = reverse("posts:series_atom", kwargs={"slug": series.slug})
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    series.title = "K8s 之旅（修订）"
    series.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_sitemap_lists_series_with_published_parts_only(client, k8s):
    series, _parts = k8s
    make_series("Only drafts", posts=[make_post("D", status=Post.Status.DRAFT)])
    body = client.get(reverse("posts:sitemap")).content.decode()
    assert "<loc>http://testserver/series/k8s%E4%B9%8B%E6%97%85/</loc>" in body
    assert "<loc>http://testserver/series/</loc>" in body
    assert "only-drafts" not in body


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def fill(series, count):
    Post.objects.filter(series=series).delete()
    return [
        make_post(f"Part {number}", days_ago=count - number, series=series)
        for number in range(count)
    ]


@pytest.mark.parametrize("where", ["post", "series", "feed", "list", "index"])
def test_series_pages_run_a_constant_number_of_queries(client, where, django_assert_num_queries):
    series = make_series("Long")
    other = make_series("Other")

    def url_with(count):
        parts = fill(series, count)
        fill(other, count)
        return {
            "post": parts[count // 2].get_absolute_url(),
            "series": series.get_absolute_url(),
            "feed": reverse("posts:series_atom", kwargs={"slug": series.slug}),
            "list": reverse("posts:series_list"),
            "index": "/",
        }[where]

    one = count_queries(client, url_with(1))
    url = url_with(30)
    with django_assert_num_queries(one):
        assert client.get(url).status_code == 200


def test_admin_shows_the_series_posts_inline_in_order_and_saves_numbers(staff_client, k8s):
    series, (concepts, architecture, pod) = k8s
    url = reverse("admin:posts_series_change", args=[series.pk])
    page = soup(staff_client.get(url))
    titles = [cell.text.strip() for cell in page.select("td.field-title")]
    assert titles == ["K8s之核心概念", "K8s之核心架构", "K8s之Pod", "K8s之草稿", "K8s之未来"]
    form = page.select_one("form#series_form")
    data = {
        field["name"]: field.get("value", "")
        for field in form.select("input[name]")
        if field.get("type") != "checkbox"
    }
    data["description"] = form.select_one("textarea[name=description]").text
    prefix = next(name for name in data if name.endswith("-TOTAL_FORMS")).removesuffix(
        "-TOTAL_FORMS"
    )
    ids = [int(data[f"{prefix}-{index}-id"]) for index in range(5)]
    order = {concepts.pk: 3, architecture.pk: 1, pod.pk: 2}
    for index, pk in enumerate(ids):
        if pk in order:
            data[f"{prefix}-{index}-series_order"] = str(order[pk])
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert list(series.parts(Post.objects.published())) == [architecture, pod, concepts]
    assert Post.objects.filter(series=series).count() == 5


def test_a_post_joins_a_series_and_is_pinned_from_its_own_form(staff_client):
    series = make_series("微服务实战")
    now = timezone.localtime()
    response = staff_client.post(
        reverse("admin:posts_post_add"),
        {
            "title": "微服务实战(2) - HAL 101",
            "slug": "hal-101",
            "body": "正文",
            "tags": "",
            "status": "published",
            "publish_at_0": now.strftime("%Y-%m-%d"),
            "publish_at_1": now.strftime("%H:%M:%S"),
            "summary": "",
            "pinned": "on",
            "series": str(series.pk),
            "series_order": "2",
        },
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert (post.series, post.series_order, post.pinned) == (series, 2, True)


@pytest.mark.parametrize(
    "path",
    ["/series/%00/", "/series/a%00b/atom.xml", "/series/%FF%FE/", "/series/" + "系" * 3000 + "/"],
)
def test_hostile_series_addresses_are_404(path):
    make_series("Real", posts=[make_post("Part")])
    assert Client(raise_request_exception=False).get(path).status_code == 404
