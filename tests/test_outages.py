"""The blog without its database or its cache (blog/outages.py), in process.

tests/test_outages_served.py does the same with real servers stopped and
started under a running gunicorn.
"""

import logging

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from blog import outages
from comments.tests.factories import page
from posts import views

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def database_away(monkeypatch):
    """Every query fails as it does when PostgreSQL has stopped; undo() brings it back."""

    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(outages, "RETRY_SECONDS", 0)
    with pytest.MonkeyPatch.context() as away:
        away.setattr(CursorWrapper, "execute", refused)
        yield away


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(outages.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    html = page(response)
    assert html.select_one("h1").text == "503 · Temporarily unavailable"
    assert html.select_one("link[rel=stylesheet]")["href"].endswith("css/site.css")


@pytest.mark.parametrize(
    "url", ["/", "/blog/archives/", "/tags/", "/atom.xml", "/search/?q=k8s", "/nowhere/"]
)
def test_every_page_answers_503_with_the_styled_page(client, post, database_away, url):
    client.raise_request_exception = False
    assert_outage_page(client.get(url))


def test_signing_in_answers_503(client, database_away):
    response = client.post("/admin/login/", {"username": "editor", "password": "pw"})
    assert_outage_page(response)


def test_healthz_says_503_with_retry_after(client, database_away):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"] == str(outages.RETRY_AFTER_SECONDS)
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_a_comment_posted_meanwhile_comes_back_with_every_field(client, post, database_away):
    typed = {
        "name": "小王 <b>",
        "email": "reader@example.com",
        "website": "https://example.com/me",
        "body": "第一行\n\n<script>alert(1)</script> & `code`",
        "token": "1:1800000000:signature",
        "parent": "7",
        "homepage": "",
    }
    response = client.post(post.get_absolute_url(), typed)
    assert_outage_page(response)
    form = page(response).select_one("form#comment-form")
    assert form["action"] == post.get_absolute_url() + "#comment-form"
    assert "not saved yet" in form.select_one("[role=alert]").text
    assert form.select_one("textarea[name=body]").text.lstrip("\n") == typed["body"]
    for field in ("name", "email", "website", "token", "parent"):
        assert form.select_one(f"input[name={field}]")["value"] == typed[field]
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None


def test_the_outage_is_logged_once_and_its_end_once(client, post, database_away, caplog):
    caplog.set_level(logging.INFO)
    for _ in range(3):
        client.get("/")
    database_away.undo()
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200
    messages = [
        (record.levelname, record.getMessage().split(" (")[0])
        for record in caplog.records
        if record.name in {"blog.outages", "django.request"}
    ]
    assert messages == [
        ("ERROR", "The database is unavailable"),
        ("WARNING", "The database is back after 0 s."),
    ]


def test_while_the_database_is_away_it_is_tried_again_only_now_and_then(
    client, post, database_away
):
    client.get("/")
    database_away.undo()
    with pytest.MonkeyPatch.context() as later:
        later.setattr(outages, "RETRY_SECONDS", 3600)
        # Back already, but not asked again yet: still 503, without waiting on it.
        assert client.get("/").status_code == 503
    assert client.get("/").status_code == 200


def test_cache_calls_raise_cache_unavailable_and_resume(cache_away, settings):
    with pytest.raises(outages.CacheUnavailable):
        outages.cached(cache.get, "key")
    assert outages.CACHE.is_down
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    outages.CACHE.last_try = 0
    assert outages.cached(cache.add, "key", 1) is True
    assert not outages.CACHE.is_down


def test_a_deadlock_costs_one_request_not_everyones(client, post, monkeypatch, caplog):
    def deadlock(*args, **kwargs):
        raise OperationalError("deadlock detected")

    with pytest.MonkeyPatch.context() as unlucky:
        unlucky.setattr(views.ArchiveView, "get_queryset", deadlock)
        assert client.get("/blog/archives/").status_code == 503
    assert not outages.DATABASE.is_down
    assert client.get("/blog/archives/").status_code == 200
    assert [record for record in caplog.records if record.name == "blog.outages"] == []


def test_other_errors_are_still_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    client.raise_request_exception = False
    assert client.get("/").status_code == 500
    assert not outages.DATABASE.is_down
