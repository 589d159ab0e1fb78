"""Gzipped copies of cached pages (posts.pagecache.encoding), through Django's
stack and through the fast path."""

import gzip
import os

import pytest
from django.core.cache import cache
from django.test import Client

from posts.pagecache.encoding import MIN_SIZE, accepts_gzip, compressed, variant_etag
from posts.tests.factories import make_post
from posts.tests.readers import Reader

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("gzip, deflate, br, zstd", True),
        ("deflate, GZIP;q=0.5", True),
        ("x-gzip", True),
        ("*", True),
        ("br;q=1.0, *;q=0.1", True),
        ("gzip;q=0", False),
        ("gzip; q=0.0, *", False),
        ("*;q=0", False),
        ("br, deflate", False),
        ("identity", False),
        ("gzip;q=abc", False),
        ("", False),
        (",,;;=", False),
    ],
)
def test_accept_encoding_is_read_as_the_http_rules_say(header, accepted):
    assert accepts_gzip(header) is accepted


def test_small_or_incompressible_content_is_left_alone():
    assert compressed(b"x" * (MIN_SIZE - 1)) is None
    assert compressed(os.urandom(4 * MIN_SIZE)) is None
    text = "容器编排。".encode() * 500
    assert gzip.decompress(compressed(text)) == text
    assert compressed(text) == compressed(text)  # no timestamp: alike on every process


def test_the_gzipped_variant_has_its_own_etag():
    assert variant_etag('"abc"') == '"abc-gzip"'
    assert variant_etag('W/"abc"') == 'W/"abc-gzip"'


@pytest.fixture
def blog():
    for number in range(3):
        make_post(f"第 {number} 篇", body="容器编排的笔记。" * 200, tags=["k8s"], days_ago=number)
    return make_post("最新", body="服务发现。" * 200, slug="newest")


def get(path, fast, **headers):
    if fast:
        return Reader().get(path, **headers)
    return Client().get(path, **headers)


@pytest.mark.parametrize("fast", [False, True], ids=["stack", "fast path"])
@pytest.mark.parametrize("path", ["/", "/atom.xml", "/tags/k8s/", "/blog/archives/"])
def test_a_reader_accepting_gzip_gets_the_same_page_compressed(blog, path, fast):
    plain = Client().get(path)  # stores the page
    if fast:
        assert Reader().get(path).fast
    packed = get(path, fast, **GZIP)
    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2
    assert int(packed["Content-Length"]) == len(packed.content)
    assert packed["ETag"] == variant_etag(plain["ETag"])
    for response in (plain, packed):
        assert {"Accept-Encoding", "Cookie"} <= {
            name.strip() for name in response["Vary"].split(",")
        }
    again = get(path, fast, **GZIP)  # a kept answer: the same bytes
    assert (again["Content-Encoding"], again.content) == ("gzip", packed.content)
    plain_again = get(path, fast)
    assert "Content-Encoding" not in plain_again.headers
    assert plain_again.content == plain.content


@pytest.mark.parametrize("fast", [False, True], ids=["stack", "fast path"])
def test_each_variant_is_revalidated_by_its_own_etag(blog, fast):
    plain = Client().get("/atom.xml")
    packed = get("/atom.xml", fast, **GZIP)
    kept = get("/atom.xml", fast, HTTP_IF_NONE_MATCH=packed["ETag"], **GZIP)
    assert (kept.status_code, kept["ETag"], kept.content) == (304, packed["ETag"], b"")
    changed = get("/atom.xml", fast, HTTP_IF_NONE_MATCH=plain["ETag"], **GZIP)
    assert changed.status_code == 200 and changed["Content-Encoding"] == "gzip"


def test_the_first_reader_gets_the_compressed_page_as_it_is_stored(blog):
    first = Client().get("/atom.xml", **GZIP)
    assert first["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.content) == Client().get("/atom.xml").content


@pytest.mark.parametrize("fast", [False, True], ids=["stack", "fast path"])
def test_a_page_with_a_readers_tokens_is_never_compressed(blog, fast):
    url = blog.get_absolute_url()
    Client().get(url)
    page = get(url, fast, **GZIP)
    assert page.status_code == 200
    assert "Content-Encoding" not in page.headers
    assert "Accept-Encoding" not in page["Vary"]
    assert b'name="csrfmiddlewaretoken"' in page.content


@pytest.mark.parametrize(
    "client_kwargs",
    [{"HTTP_ACCEPT_ENCODING": "gzip;q=0"}, {"HTTP_ACCEPT_ENCODING": "identity"}, {}],
)
def test_a_client_not_accepting_gzip_gets_plain_bytes(blog, client_kwargs):
    Client().get("/atom.xml", **GZIP)
    page = Client().get("/atom.xml", **client_kwargs)
    assert "Content-Encoding" not in page.headers
    assert page.content.startswith(b"<?xml")


def test_pages_that_are_not_stored_are_not_compressed(blog, settings, admin_client):
    assert "Content-Encoding" not in admin_client.get("/atom.xml", **GZIP).headers
    settings.PAGE_CACHE = False
    page = Client().get("/atom.xml", **GZIP)
    assert "Content-Encoding" not in page.headers
    assert "Accept-Encoding" not in page["Vary"]


def test_a_feeds_own_304_says_how_it_may_be_kept_as_the_cached_one_does(blog):
    first = Client().get("/atom.xml")
    from_cache = Client().get("/atom.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    cache.clear()  # the feed's view answers the next one itself
    from_view = Client().get("/atom.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert from_cache.status_code == from_view.status_code == 304
    for name in ("Cache-Control", "Vary", "ETag"):
        assert from_view[name] == from_cache[name], name
