"""The feeds' XML (posts.feedgen): entries written from kept fragments."""

import io
from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from taggit.models import Tag

from posts import feedgen
from posts.feedgen import ContentAtomFeed, ContentRssFeed, absolute_urls
from posts.models import Post
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db

FEEDS = ["/atom.xml", "/rss.xml", "/tags/k8s/atom.xml"]


def test_absolute_urls_leaves_code_and_absolute_links_alone():
    html = (
        '<p><a href=\'/a\'>x</a> <img alt="i" src="img.png"> <a href="mailto:x@y.z">m</a></p>'
        '<pre><code>&lt;a href="/b"&gt;</code></pre>'
    )
    assert absolute_urls(html, "https://blog.example/blog/2024/01/02/post/") == (
        '<p><a href="https://blog.example/a">x</a> '
        '<img alt="i" src="https://blog.example/blog/2024/01/02/post/img.png"> '
        '<a href="mailto:x@y.z">m</a></p><pre><code>&lt;a href="/b"&gt;</code></pre>'
    )


class PlainAtom(feedgen.BufferedWrite, Atom1Feed):
    """What ContentAtomFeed writes, element by element, without kept entries."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class PlainRss(feedgen.BufferedWrite, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": ContentRssFeed.CONTENT_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])


def written(feed_class, descriptions, absolute):
    feed = feed_class("T", "https://blog.example/", "D")
    for number, description in enumerate(descriptions):
        html = '<p><a href="/x">容器 & <b>pods</b></a></p>'
        feed.add_item(
            title=f"Post {number} <&>",
            link=f"https://blog.example/blog/2024/01/0{number + 1}/p/",
            description=description and (absolute(description) if absolute else description),
            pubdate=datetime(2024, 1, number + 1, tzinfo=UTC),
            categories=["k8s", "容器"],
            content_html=absolute(html) if absolute else html,
        )
    out = io.BytesIO()
    feed.write(out, "utf-8")
    return out.getvalue()


@pytest.mark.parametrize(
    ("kept", "plain"), [(ContentAtomFeed, PlainAtom), (ContentRssFeed, PlainRss)]
)
def test_kept_entries_write_what_the_feed_generator_writes(kept, plain):
    descriptions = ['<a href="more/">摘要</a>', "", None]

    def absolute(html):
        return html.replace('href="/x"', 'href="https://blog.example/x"').replace(
            'href="more/"', 'href="https://blog.example/blog/2024/01/01/p/more/"'
        )

    for _ in range(2):  # written afresh, then from the kept fragments
        assert written(kept, descriptions, None) == written(plain, descriptions, absolute)


@pytest.fixture
def blog():
    make_post("Older", body="[up](/blog/archives/) ![i](pod.png)", tags=["k8s"], days_ago=2)
    return make_post("Newer", body="容器 [x](/x/)", tags=["k8s"], summary="Short.")


@pytest.mark.parametrize("url", FEEDS)
def test_a_feed_from_kept_entries_equals_one_written_afresh(blog, settings, monkeypatch, url):
    settings.PAGE_CACHE = False
    fresh = Client().get(url).content
    made = []
    monkeypatch.setattr(feedgen, "absolute_urls", lambda *args: made.append(args) or "")
    assert Client().get(url).content == fresh
    assert made == []
    cache.clear()
    assert Client().get(url).content != fresh  # the patched links: written afresh
    assert len(made) == 2 * 2


@pytest.mark.parametrize("url", FEEDS)
def test_an_entry_is_written_afresh_when_anything_it_shows_changes(blog, settings, url):
    settings.PAGE_CACHE = False
    Client().get(url)
    # As rerender_posts does: an UPDATE, no signal, no new updated_at.
    Post.objects.filter(pk=blog.pk).update(body_html='<p><a href="/moved/">新</a></p>')
    assert b"http://testserver/moved/" in Client().get(url).content
    Tag.objects.filter(name="k8s").update(name="Kubernetes")
    assert b"Kubernetes" in Client().get(url).content
