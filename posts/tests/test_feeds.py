from datetime import datetime, timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from posts.feeds import FEED_LENGTH
from posts.models import Post
from posts.tests.factories import make_post, make_series

pytestmark = pytest.mark.django_db

BODY = """Intro with a [link](/blog/archives/) and ![diagram](/media/pod.png "Pod").

<!-- more -->

## 第二节

See [the note](#fn) and [elsewhere](https://example.org/x?a=1&b=2).

```html
<a href="/inside-code">kept as written</a>
```
"""


def parse(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


@pytest.fixture
def posts():
    make_post("Draft", status=Post.Status.DRAFT, tags=["k8s"])
    make_post("Future", days_ago=-2, tags=["k8s"])
    older = make_post("Older 容器", days_ago=3, tags=["k8s", "容器"], body="Older body.")
    newer = make_post(
        "Newer & <better>", days_ago=1, tags=["k8s"], body=BODY, summary="A short summary."
    )
    return newer, older


def test_atom_feed_is_valid_and_lists_exactly_the_published_posts(client, posts):
    response, feed = parse(client, reverse("posts:atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Newer & <better>", "Older 容器"]
    assert feed.feed.title == "Happy Coding, Happy Life"
    assert feed.feed.link == "http://testserver/"


def test_rss_feed_is_valid_and_lists_exactly_the_published_posts(client, posts):
    response, feed = parse(client, reverse("posts:rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == ["Newer & <better>", "Older 容器"]


@pytest.mark.parametrize("name", ["posts:atom", "posts:rss"])
def test_entries_carry_content_summary_dates_author_and_categories(client, posts, name):
    newer, older = posts
    _, feed = parse(client, reverse(name))
    entry = feed.entries[0]
    url = "http://testserver" + newer.get_absolute_url()
    assert entry.link == url
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert content.select_one("h2").text.startswith("第二节")
    assert content.select_one("a[href='http://testserver/blog/archives/']") is not None
    assert content.select_one("img")["src"] == "http://testserver/media/pod.png"
    assert content.select_one(f"a[href='{url}#fn']") is not None
    assert content.select_one("a[href='https://example.org/x?a=1&b=2']") is not None
    assert 'href="/inside-code"' in content.select_one("pre").text
    assert entry.summary == "A short summary."
    assert feed.entries[1].summary.startswith("<p>Older body.")
    assert entry.published_parsed[:6] == newer.publish_at.utctimetuple()[:6]
    assert entry.author == "Happy Coder"
    assert [tag.term for tag in entry.tags] == ["k8s"]
    assert sorted(tag.term for tag in feed.entries[1].tags) == ["k8s", "容器"]


def test_atom_dates_are_timezone_aware(client, posts):
    root = ElementTree.fromstring(client.get(reverse("posts:atom")).content)
    stamps = [
        element.text for element in root.iter() if element.tag.endswith(("published", "updated"))
    ]
    assert len(stamps) == 5
    for stamp in stamps:
        assert datetime.fromisoformat(stamp).utcoffset() is not None


def test_entry_ids_survive_a_title_and_slug_change(client, posts):
    newer, _ = posts
    _, before = parse(client, reverse("posts:atom"))
    newer.title = "Renamed"
    newer.slug = "renamed"
    newer.save()
    _, after = parse(client, reverse("posts:atom"))
    assert after.entries[0].title == "Renamed"
    assert after.entries[0].link.endswith("/renamed/")
    assert after.entries[0].id == before.entries[0].id
    assert before.entries[0].id.startswith("tag:testserver,")
    _, rss = parse(client, reverse("posts:rss"))
    assert rss.entries[0].id == before.entries[0].id


def test_feeds_hold_the_newest_twenty_posts(client):
    for number in range(FEED_LENGTH + 3):
        make_post(f"P{number}", days_ago=number + 1)
    _, feed = parse(client, reverse("posts:atom"))
    assert [entry.title for entry in feed.entries] == [f"P{n}" for n in range(FEED_LENGTH)]


def test_tag_feed_lists_the_published_posts_with_that_tag(client, posts):
    make_post("Other tag", tags=["go"])
    _, feed = parse(client, reverse("posts:tag_atom", kwargs={"slug": "容器"}))
    assert [entry.title for entry in feed.entries] == ["Older 容器"]
    assert "容器" in feed.feed.title
    assert feed.feed.link == "http://testserver" + reverse("posts:tag", kwargs={"slug": "容器"})


def test_tag_feed_of_an_unknown_or_unpublished_tag_is_404(client):
    make_post("Draft", status=Post.Status.DRAFT, tags=["secret"])
    assert client.get(reverse("posts:tag_atom", kwargs={"slug": "secret"})).status_code == 404
    assert client.get(reverse("posts:tag_atom", kwargs={"slug": "nope"})).status_code == 404
    assert client.get("/tags/%00/atom.xml").status_code == 404
    assert client.get("/tags/a%00b/atom.xml").status_code == 404


@pytest.mark.parametrize("name", ["posts:atom", "posts:rss"])
def test_conditional_get_answers_304(client, posts, name):
    url = reverse(name)
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    newer, _ = posts
    newer.title = "Edited"
    newer.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


@pytest.mark.parametrize(
    ("name", "kwargs"), [("posts:atom", {}), ("posts:tag_atom", {"slug": "k8s"})]
)
@pytest.mark.parametrize(("page_cache", "queries_run"), [(False, 1), (True, 0)])
def test_an_unchanged_feed_costs_one_query_or_none_from_the_cache(
    client, posts, name, kwargs, settings, page_cache, queries_run
):
    settings.PAGE_CACHE = page_cache
    url = reverse(name, kwargs=kwargs)
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(queries) == queries_run


def test_a_removed_post_changes_the_etag(client, posts):
    url = reverse("posts:atom")
    etag = client.get(url)["ETag"]
    posts[1].delete()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_last_modified_is_the_newest_change(client, posts):
    newer, _ = posts
    stamp = timezone.now() - timedelta(hours=1)
    Post.objects.update(updated_at=stamp - timedelta(days=9))
    Post.objects.filter(pk=newer.pk).update(updated_at=stamp)
    response = client.get(reverse("posts:atom"))
    assert response["Last-Modified"] == stamp.strftime("%a, %d %b %Y %H:%M:%S GMT")


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("posts:atom", {}), ("posts:rss", {}), ("posts:tag_atom", {"slug": "k8s"})],
)
def test_feeds_run_a_constant_number_of_queries(client, django_user_model, name, kwargs):
    author = django_user_model.objects.create_user("writer", first_name="Wei", last_name="Li")

    def queries_for(count):
        Post.objects.all().delete()
        for number in range(count):
            make_post(f"P{number}", tags=["k8s", f"t{number}"], author=author)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, kwargs=kwargs)).status_code == 200
        return len(queries)

    assert queries_for(1) == queries_for(50)


def test_author_full_name_is_used_when_set(client, django_user_model):
    author = django_user_model.objects.create_user("writer", first_name="伟", last_name="李")
    make_post("By author", author=author)
    _, feed = parse(client, reverse("posts:atom"))
    assert feed.entries[0].author in {"伟 李", "李 伟"}


def test_every_page_links_its_feeds(client, posts):
    newer, _ = posts
    for url in ["/", newer.get_absolute_url(), reverse("posts:archives")]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        links = {link["type"]: link["href"] for link in soup.select('link[rel="alternate"]')}
        assert links["application/atom+xml"] == reverse("posts:atom")
        assert links["application/rss+xml"] == reverse("posts:rss")
    tag_page = BeautifulSoup(client.get("/tags/k8s/").content, "html.parser")
    hrefs = [link["href"] for link in tag_page.select('link[rel="alternate"]')]
    assert reverse("posts:tag_atom", kwargs={"slug": "k8s"}) in hrefs


def test_every_address_in_a_feed_is_under_the_site_url(client, posts, settings):
    settings.SITE_URL = "https://blog.example.com"
    settings.ALLOWED_HOSTS = ["localhost"]
    newer, _older = posts
    response, feed = parse(client, reverse("posts:atom"), HTTP_HOST="localhost:6666")
    assert feed.feed.link == "https://blog.example.com/"
    assert b"localhost" not in response.content
    assert feed.entries[0].link == "https://blog.example.com" + newer.get_absolute_url()
    assert feed.entries[0].id.startswith("tag:blog.example.com,")
    content = BeautifulSoup(feed.entries[0].content[0].value, "html.parser")
    assert content.select_one("img")["src"] == "https://blog.example.com/media/pod.png"
    _response, rss = parse(client, reverse("posts:rss"), HTTP_HOST="localhost:6666")
    assert rss.entries[0].link == "https://blog.example.com" + newer.get_absolute_url()
    series = make_series("入门", slug="intro", posts=[newer])
    _response, feed = parse(client, series.get_absolute_url() + "atom.xml", HTTP_HOST="localhost")
    assert feed.feed.link == "https://blog.example.com/series/intro/"
