"""Who gets the cached page, what it carries, and conditional GETs."""

import pickle
import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, override_settings
from django.utils import timezone

from comments.models import Comment
from comments.tests.factories import make_comment, submit
from posts.pagecache import middleware
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db

READER_URLS = [
    "/",
    "/page/2/",
    "/tags/",
    "/tags/k8s/",
    "/tags/k8s/page/2/",
    "/blog/archives/",
    "/atom.xml",
    "/rss.xml",
    "/tags/k8s/atom.xml",
    "/sitemap.xml",
    "/robots.txt",
]


@pytest.fixture
def blog(settings):
    settings.POSTS_PER_PAGE = 1
    make_post("Older", tags=["k8s"], days_ago=2)
    return make_post("Newer", tags=["k8s"], slug="newer")


def stored_pages():
    """Every page in the (local memory) cache, as stored."""
    return [pickle.loads(value) for key, value in cache._cache.items() if ":pagecache:page:" in key]


def form_fields(response):
    form = BeautifulSoup(response.content, "html.parser").select_one("form#comment-form")
    return {field["name"]: field.get("value", "") for field in form.select("input[name]")}


@pytest.mark.parametrize("url", [*READER_URLS, "POST"])
def test_every_reader_page_is_served_from_the_cache(blog, url, django_assert_num_queries):
    url = blog.get_absolute_url() if url == "POST" else url
    first = Client().get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second.status_code == 200
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"] and "Accept-Language" in second["Vary"]
    assert second["ETag"] == first["ETag"]
    if url == blog.get_absolute_url():
        # Pages with per-reader tokens are validated by their ETag alone.
        assert "Last-Modified" not in first and "Last-Modified" not in second
    else:
        assert second["Last-Modified"] == first["Last-Modified"]


@pytest.mark.parametrize("url", ["/", "/atom.xml", "/blog/archives/", "POST"])
def test_conditional_get_answers_304(blog, url, django_assert_num_queries):
    url = blog.get_absolute_url() if url == "POST" else url
    first = Client().get(url)
    with django_assert_num_queries(0):
        again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert not again.content
    if "Last-Modified" in first:
        by_date = Client().get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert by_date.status_code == 304
    blog.title = "Changed"
    blog.save()
    changed = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_a_304_never_keeps_tokens_that_no_longer_hold(blog, monkeypatch):
    """The post page carries the reader's comment token (two days) and CSRF
    token: its ETag changes with the day and with the reader's CSRF cookie."""
    url = blog.get_absolute_url()
    reader = Client()
    reader.get(url)  # sets the reader's CSRF cookie
    first = reader.get(url)
    assert reader.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    reader.cookies["csrftoken"] = "x" * 32
    assert reader.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    fresh = reader.get(url)
    tomorrow = time.time() + 86400
    monkeypatch.setattr(middleware.time, "time", lambda: tomorrow)
    assert reader.get(url, HTTP_IF_NONE_MATCH=fresh["ETag"]).status_code == 200


def test_conditional_get_without_the_page_cache(blog, settings):
    settings.PAGE_CACHE = False
    url = blog.get_absolute_url()
    first = Client().get(url)
    assert Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert stored_pages() == []


def test_cache_control_keeps_shared_caches_from_per_reader_pages(blog):
    assert Client().get("/")["Cache-Control"] == "public, no-cache"
    # The post page carries the reader's own tokens.
    assert Client().get(blog.get_absolute_url())["Cache-Control"] == "private, no-cache"


def test_each_reader_gets_their_own_tokens_and_no_one_elses(blog):
    url = blog.get_absolute_url()
    answers = [Client().get(url) for _ in range(3)]
    fields = [form_fields(response) for response in answers]
    assert len({field["token"] for field in fields}) == 3
    assert len({field["csrfmiddlewaretoken"] for field in fields}) == 3
    for response, field in zip(answers, fields, strict=True):
        # The form's CSRF token matches this reader's own cookie, and nothing else is set.
        assert set(response.cookies) == {"csrftoken"}
        secret = response.cookies["csrftoken"].value
        assert _unmask_cipher_token(field["csrfmiddlewaretoken"]) == secret
    [entry] = stored_pages()
    for field in fields:
        assert field["token"].encode() not in entry.content
        assert field["csrfmiddlewaretoken"].encode() not in entry.content


def test_no_stored_page_carries_a_cookie_or_a_session(blog, clock):
    reader = Client(enforce_csrf_checks=True)
    submit(reader, blog, clock)  # now the reader has a session
    assert "sessionid" in reader.cookies
    for url in [*READER_URLS, blog.get_absolute_url()]:
        Client().get(url)
        reader.get(url)
    for entry in stored_pages():
        assert not hasattr(entry, "cookies")
        assert b"sessionid" not in entry.content
        assert set(entry.headers) <= {"Content-Type", "X-Robots-Tag"}
    answer = Client().get(blog.get_absolute_url())
    assert "sessionid" not in answer.cookies


def test_staff_get_fresh_pages_and_leave_nothing_behind(blog, staff_client):
    draft = make_post("Staff only draft", status="draft", slug="draft")
    for _ in range(2):
        response = staff_client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert "preview-banner" in response.content.decode()
        assert response["Cache-Control"] == "private, no-cache"
    staff_client.get("/")
    assert stored_pages() == []
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_staff_see_an_edit_they_just_made(blog, staff_client):
    assert "Newer" in Client().get("/").content.decode()
    blog.title = "Edited by staff"
    blog.save()
    assert "Edited by staff" in staff_client.get("/").content.decode()


def test_a_reader_with_a_pending_comment_gets_a_fresh_page(blog, clock, settings):
    settings.COMMENT_MODERATION = "all"
    url = blog.get_absolute_url()
    Client().get(url)  # cached for everyone
    reader = Client(enforce_csrf_checks=True)
    assert submit(reader, blog, clock, body="我的待审评论").status_code == 302
    comment = Comment.objects.get()
    mine = BeautifulSoup(reader.get(url).content, "html.parser")
    assert mine.select_one(f"#comment-{comment.pk} .pending-badge") is not None
    again = BeautifulSoup(reader.get(url).content, "html.parser")
    assert again.select_one(f"#comment-{comment.pk} .pending-badge") is not None
    others = Client().get(url).content.decode()
    assert "我的待审评论" not in others


def test_a_query_string_is_never_stored(blog):
    response = Client().get("/?utm_source=x")
    assert response.status_code == 200
    assert stored_pages() == []


def test_each_language_has_its_own_copy(blog):
    chinese = Client().get("/").content.decode()
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/").content.decode()
    assert "阅读全文" in chinese and "Read on" in english
    assert "阅读全文" in Client().get("/").content.decode()


def test_a_page_never_outlives_the_next_scheduled_post(
    blog, monkeypatch, django_assert_num_queries
):
    soon = make_post("Scheduled", slug="scheduled", days_ago=-1)
    Client().get("/")
    with django_assert_num_queries(0):
        assert "Scheduled" not in Client().get("/").content.decode()
    moment = soon.publish_at
    monkeypatch.setattr(timezone, "now", lambda: moment + timedelta(microseconds=1))
    assert ">Scheduled<" in Client().get("/").content.decode()


def test_a_broken_cache_costs_nothing(blog):
    broken = {
        "default": {
            "BACKEND": "blog.cache.SharedClientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        }
    }
    with override_settings(CACHES=broken):
        for url in ["/", "/tags/", "/atom.xml", blog.get_absolute_url()]:
            response = Client().get(url)
            assert response.status_code == 200
            assert "Newer" in response.content.decode()


def test_no_placeholder_reaches_a_reader(blog):
    make_comment(blog, body="已有评论")
    for client in (Client(), Client()):
        assert "hole-" not in client.get(blog.get_absolute_url()).content.decode()
