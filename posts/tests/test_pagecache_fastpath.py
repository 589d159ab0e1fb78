"""Cache hits answered before the session, auth and URL layers (posts.pagecache.fastpath)."""

import time

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, override_settings
from django.urls import reverse

from blog import outages
from comments.tests.factories import submit
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db

FAST_PATH = "posts.pagecache.fastpath.FastPathMiddleware"
URLS = ["/", "/page/2/", "/tags/", "/tags/k8s/", "/blog/archives/", "/atom.xml", "/robots.txt"]
# Differ between any two responses, whichever path answers.
PER_RESPONSE_HEADERS = {"Set-Cookie", "Date"}


@pytest.fixture
def blog(settings):
    settings.POSTS_PER_PAGE = 1
    make_post("Older", tags=["k8s"], days_ago=2)
    return make_post("Newer", tags=["k8s"], slug="newer")


def fast(response):
    """Whether the fast path answered: the session middleware never saw the request."""
    return not hasattr(response.wsgi_request, "session")


def without_tokens(response):
    """The page with the reader's own token values blanked out."""
    if not response["Content-Type"].startswith("text/html"):
        return response.content
    soup = BeautifulSoup(response.content, "html.parser")
    for name in ("csrfmiddlewaretoken", "token"):
        for field in soup.select(f"input[name={name}]"):
            field["value"] = "-"
    return str(soup)


def comparable(response):
    headers = {k: v for k, v in response.headers.items() if k not in PER_RESPONSE_HEADERS}
    return response.status_code, headers, set(response.cookies), without_tokens(response)


def slow_path():
    middleware = [name for name in django_settings.MIDDLEWARE if name != FAST_PATH]
    return override_settings(MIDDLEWARE=middleware)


@pytest.mark.parametrize("url", [*URLS, "POST"])
@pytest.mark.parametrize("language", ["zh-CN,zh;q=0.9", "en-US,en;q=0.8"])
def test_a_fast_hit_equals_a_hit_through_the_whole_stack(blog, url, language):
    url = blog.get_absolute_url() if url == "POST" else url
    Client().get(url, HTTP_ACCEPT_LANGUAGE=language)  # stores the page
    quick = Client().get(url, HTTP_ACCEPT_LANGUAGE=language)
    with slow_path():
        slow = Client().get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert fast(quick) and not fast(slow)
    assert comparable(quick) == comparable(slow)
    assert quick["X-Frame-Options"] == "DENY"
    assert quick["Content-Language"] == ("en" if language.startswith("en") else "zh-hans")


def test_a_fast_hit_costs_no_query_and_fills_in_each_readers_tokens(
    blog, django_assert_num_queries
):
    url = blog.get_absolute_url()
    Client().get(url)
    for _ in range(2):
        with django_assert_num_queries(0):
            response = Client().get(url)
        assert fast(response)
        form = BeautifulSoup(response.content, "html.parser").select_one("form#comment-form")
        token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
        assert _unmask_cipher_token(token) == response.cookies["csrftoken"].value
        assert "hole-" not in response.content.decode()


def test_a_reader_keeps_their_csrf_cookie(blog):
    reader = Client()
    url = blog.get_absolute_url()
    reader.get(url)
    secret = reader.cookies["csrftoken"].value
    again = reader.get(url)
    assert fast(again)
    assert again.cookies["csrftoken"].value == secret  # renewed, not replaced
    form = BeautifulSoup(again.content, "html.parser").select_one("form#comment-form")
    assert _unmask_cipher_token(form.select_one("input[name=csrfmiddlewaretoken]")["value"]) == (
        secret
    )


def test_a_comment_sent_from_a_fast_hit_is_accepted(blog, clock):
    reader = Client(enforce_csrf_checks=True)
    reader.get(blog.get_absolute_url())
    page = reader.get(blog.get_absolute_url())
    assert fast(page)
    response = submit(reader, blog, clock)
    assert response.status_code == 302
    assert blog.comments.count() == 1


def test_conditional_get_on_a_fast_hit(blog):
    first = Client().get("/")
    again = Client().get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert fast(again)
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again.content == b""


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"QUERY_STRING": "a=1"},
        {"HTTP_COOKIE": f"{django_settings.SESSION_COOKIE_NAME}=abc"},
        {"HTTP_COOKIE": "messages=abc"},
    ],
    ids=["query", "session", "messages"],
)
def test_the_whole_stack_answers_everyone_else(blog, request_kwargs):
    Client().get("/")
    assert not fast(Client().get("/", **request_kwargs))


def test_a_miss_and_a_page_that_is_not_cached_go_down_the_stack(blog):
    first = Client().get("/")
    assert not fast(first)
    assert Client().get("/nowhere/").status_code == 404
    assert not fast(Client().get("/nowhere/"))


def test_a_change_is_seen_by_the_very_next_fast_request(blog):
    Client().get("/")
    assert fast(Client().get("/"))
    make_post("Newest", slug="newest")
    response = Client().get("/")
    assert not fast(response)
    assert "Newest" in response.content.decode()


def test_a_host_not_allowed_is_refused_as_before(blog):
    Client().get("/")
    assert Client().get("/", HTTP_HOST="evil.example").status_code == 400


def test_while_the_database_is_away_cached_pages_are_still_read(blog, monkeypatch):
    Client().get("/")
    # Found away just now: not due for another try yet.
    monkeypatch.setattr(outages.DATABASE, "since", time.monotonic())
    monkeypatch.setattr(outages.DATABASE, "last_try", time.monotonic())
    response = Client().get("/")
    assert response.status_code == 200 and fast(response)
    # A page nobody has read since the last change needs the database.
    assert Client().get(reverse("posts:archives")).status_code == 503


def test_the_page_cache_switch_turns_the_fast_path_off(blog, settings):
    Client().get("/")
    settings.PAGE_CACHE = False
    assert not fast(Client().get("/"))
