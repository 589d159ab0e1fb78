"""Cache hits answered by the WSGI handler before Django's request handling
(posts.pagecache.fastpath)."""

import time

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from blog import outages
from comments.models import Comment
from comments.tests.factories import LONG_TEXT
from posts.pagecache import generation, memory
from posts.tests.factories import make_post
from posts.tests.readers import Reader

pytestmark = pytest.mark.django_db

URLS = ["/", "/page/2/", "/tags/", "/tags/k8s/", "/blog/archives/", "/atom.xml", "/robots.txt"]
# Differ between any two responses, whichever path answers.
PER_RESPONSE_HEADERS = {"Set-Cookie", "Date", "ETag"}


@pytest.fixture
def blog(settings):
    settings.POSTS_PER_PAGE = 1
    make_post("Older", tags=["k8s"], days_ago=2)
    return make_post("Newer", tags=["k8s"], slug="newer")


def tokens_blanked(content, content_type):
    if not content_type.startswith("text/html"):
        return content
    soup = BeautifulSoup(content, "html.parser")
    for name in ("csrfmiddlewaretoken", "token"):
        for field in soup.select(f"input[name={name}]"):
            field["value"] = "-"
    return str(soup)


def comparable(status, headers, cookies, content):
    kept = {k: v for k, v in headers.items() if k not in PER_RESPONSE_HEADERS}
    return status, kept, set(cookies), tokens_blanked(content, headers["Content-Type"])


def form_tokens(content):
    form = BeautifulSoup(content, "html.parser").select_one("form#comment-form")
    return {
        name: form.select_one(f"input[name={name}]")["value"]
        for name in ("csrfmiddlewaretoken", "token")
    }


@pytest.mark.parametrize("url", [*URLS, "POST"])
@pytest.mark.parametrize("language", ["zh-CN,zh;q=0.9", "en-US,en;q=0.8"])
def test_a_fast_hit_equals_a_hit_through_the_whole_stack(blog, url, language):
    url = blog.get_absolute_url() if url == "POST" else url
    Client().get(url, HTTP_ACCEPT_LANGUAGE=language)  # stores the page
    for _ in range(2):  # the first hit of a process prepares the answer, later ones reuse it
        quick = Reader().get(url, HTTP_ACCEPT_LANGUAGE=language)
        slow = Client().get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert quick.fast
        assert comparable(quick.status_code, quick.headers, quick.cookies, quick.content) == (
            comparable(slow.status_code, dict(slow.headers.items()), slow.cookies, slow.content)
        )
    assert quick["X-Frame-Options"] == "DENY"
    assert quick["Content-Language"] == ("en" if language.startswith("en") else "zh-hans")


def test_each_reader_gets_their_own_tokens_and_etag(blog, django_assert_num_queries):
    url = blog.get_absolute_url()
    Client().get(url)
    seen = []
    for _ in range(3):
        with django_assert_num_queries(0):
            answer = Reader().get(url)
        assert answer.fast and answer["Cache-Control"] == "private, no-cache"
        tokens = form_tokens(answer.content)
        assert _unmask_cipher_token(tokens["csrfmiddlewaretoken"]) == (
            answer.cookies["csrftoken"].value
        )
        assert b"hole-" not in answer.content
        assert int(answer["Content-Length"]) == len(answer.content)
        seen.append((tokens["token"], answer.cookies["csrftoken"].value))
    for column in zip(*seen, strict=True):
        assert len(set(column)) == 3
    # The validator follows the CSRF cookie the reader sends.
    etags = set()
    for _ in range(2):
        reader = Reader()
        reader.get(url)
        etags.add(reader.get(url)["ETag"])
    assert len(etags) == 2


def test_a_reader_keeps_their_csrf_cookie(blog):
    reader = Reader()
    url = blog.get_absolute_url()
    Client().get(url)
    reader.get(url)
    secret = reader.cookies["csrftoken"].value
    again = reader.get(url)
    assert again.fast
    assert again.cookies["csrftoken"].value == secret  # renewed, not replaced
    assert _unmask_cipher_token(form_tokens(again.content)["csrfmiddlewaretoken"]) == secret


def test_a_comment_sent_from_a_fast_hit_is_accepted(blog, clock):
    Client().get(blog.get_absolute_url())
    reader = Reader()
    page = reader.get(blog.get_absolute_url())
    assert page.fast
    clock.advance(5)
    poster = Client(enforce_csrf_checks=True)
    poster.cookies = reader.cookies
    form = BeautifulSoup(page.content, "html.parser").select_one("form#comment-form")
    fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    fields.update({"name": "小王", "email": "reader@example.com", "body": LONG_TEXT})
    response = poster.post(form["action"], fields, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
    assert Comment.objects.filter(post=blog).count() == 1


def test_conditional_get_on_a_fast_hit(blog):
    first = Client().get("/")
    again = Reader().get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.fast
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again.content == b""


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"QUERY_STRING": "a=1"},
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "messages=abc"},
    ],
    ids=["query", "session", "messages"],
)
def test_the_whole_stack_answers_everyone_else(blog, request_kwargs):
    Client().get("/")
    answer = Reader().get("/", **request_kwargs)
    assert not answer.fast and answer.status_code == 200


def test_an_address_in_chinese_is_served_on_a_miss_and_on_a_hit():
    post = make_post("服务网格入门", slug="服务网格入门")
    url = post.get_absolute_url()
    answers = [Reader().get(url) for _ in range(2)]
    assert [(a.status_code, a.fast) for a in answers] == [(200, False), (200, True)]
    assert "服务网格入门" in answers[1].content.decode()


def test_a_miss_and_a_page_that_is_not_cached_go_down_the_stack(blog):
    assert not Reader().get("/").fast
    assert Reader().get("/").fast
    for _ in range(2):
        missing = Reader().get("/nowhere/")
        assert missing.status_code == 404 and not missing.fast


def test_a_change_is_seen_by_the_very_next_fast_request(blog):
    Client().get("/")
    assert Reader().get("/").fast
    make_post("Newest", slug="newest")
    answer = Reader().get("/")
    assert not answer.fast
    assert "Newest" in answer.content.decode()


def test_a_change_made_by_another_process_is_seen_although_this_one_kept_a_copy(blog):
    Client().get("/")
    assert Reader().get("/").fast
    assert memory.pages.get(next(iter(memory.pages._entries))) is not None
    # Another process replaces the generation in the shared cache (no signal
    # here): this process's copy is of the old one and is not used.
    generation._replace()
    assert not Reader().get("/").fast
    assert Reader().get("/").fast


def test_a_host_not_allowed_is_refused_as_before(blog):
    Client().get("/")
    assert Reader().get("/", HTTP_HOST="evil.example").status_code == 400


def test_while_the_database_is_away_cached_pages_are_still_read(blog, monkeypatch):
    Client().get("/")
    # Found away just now: not due for another try yet.
    monkeypatch.setattr(outages.DATABASE, "since", time.monotonic())
    monkeypatch.setattr(outages.DATABASE, "last_try", time.monotonic())
    answer = Reader().get("/")
    assert answer.status_code == 200 and answer.fast
    # A page nobody has read since the last change needs the database.
    assert Reader().get(reverse("posts:archives")).status_code == 503


def test_the_page_cache_switch_turns_the_fast_path_off(blog, settings):
    Client().get("/")
    settings.PAGE_CACHE = False
    assert not Reader().get("/").fast


@pytest.mark.parametrize("page", ["index", "post"])
@pytest.mark.parametrize(
    "precondition",
    [
        {"HTTP_IF_MATCH": '"nope"'},
        {"HTTP_IF_UNMODIFIED_SINCE": "Thu, 01 Jan 2015 00:00:00 GMT"},
    ],
    ids=["if-match", "if-unmodified-since"],
)
def test_a_failed_precondition_is_answered_to_that_request_alone(blog, page, precondition):
    url = "/" if page == "index" else blog.get_absolute_url()
    Client().get(url)
    assert Reader().get(url, **precondition).status_code == 412
    for _ in range(2):
        answer = Reader().get(url)
        assert answer.fast and answer.status_code == 200 and b"Newer" in answer.content


def test_a_hit_never_trusts_what_an_unfinished_request_left_on_its_thread(blog):
    Client().get("/")
    assert Reader().get("/").fast
    # A request on this thread read the generation and never finished...
    generation._request_started(environ={"PATH_INFO": "/"})
    try:
        generation.current()
        # ...and another process changes the site meanwhile.
        cache.set(generation.GENERATION_KEY, "changed-elsewhere", timeout=None)
        assert not Reader().get("/").fast
    finally:
        generation.outside_request()


def test_with_https_required_a_plain_http_request_is_redirected(blog, settings):
    Client().get("/")
    assert Reader().get("/").fast
    settings.SECURE_SSL_REDIRECT = True
    answer = Reader().get("/")
    assert answer.status_code == 301 and answer["Location"] == "https://testserver/"


@pytest.mark.parametrize(
    "setting", [("CSRF_USE_SESSIONS", True), ("PREPEND_WWW", True)], ids=lambda s: s[0]
)
def test_settings_acting_on_requests_turn_the_fast_path_off(blog, settings, setting):
    Client().get("/")
    setattr(settings, *setting)
    assert not Reader().get("/").fast


def test_a_failing_fast_path_leaves_the_answer_to_django(blog, monkeypatch, caplog):
    Client().get("/")

    def broken(*args):
        raise RuntimeError("unreadable entry")

    monkeypatch.setattr("posts.pagecache.fastpath.lookup", broken)
    answer = Reader().get("/")
    assert answer.status_code == 200 and not answer.fast
    assert "fast path failed" in caplog.text
