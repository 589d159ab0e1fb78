"""The served blog while its PostgreSQL or its Redis stops and starts under it.

A PostgreSQL cluster, a Redis server and gunicorn (one worker with threads,
as `make run` serves) are started for this module and stopped at its end,
whatever happens. Every request has a timeout; the module takes about half
a minute.
"""

import contextlib
import http.cookiejar
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import redis
from bs4 import BeautifulSoup

from blog import outages
from tests import servers

pytestmark = pytest.mark.skipif(bool(servers.missing_tools()), reason=servers.missing_tools())

COMMENT = "断线时写的评论。\n\nA comment written while the database was away: `kept`."
PAGES = ["/", "/blog/archives/", "/tags/", "/search/?q=Pod", "/atom.xml", "/sitemap.xml"]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Reader:
    """A browser: keeps cookies, does not follow redirects, times every answer."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects()
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Referer", self.base + path)
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=15) as response:
                status, headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, content = error.code, error.headers, error.read()
        return status, headers, content.decode("utf-8", "replace"), time.monotonic() - started

    def comment_form(self, path):
        status, _headers, html, _seconds = self.request(path)
        assert status == 200
        form = BeautifulSoup(html, "html.parser").select_one("form#comment-form")
        return {field["name"]: field.get("value", "") for field in form.select("input[name]")}


def until(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    with contextlib.ExitStack() as stack:
        database = servers.PostgresCluster()
        stack.callback(database.remove)
        database.start()
        servers.PostgresCluster.as_postgres(
            "psql", "-h", database.folder, "-p", str(database.port), "-c", "CREATE DATABASE blog"
        )
        cache = servers.RedisServer()
        stack.callback(cache.stop)
        cache.start()
        environment = {
            "PATH": os.environ["PATH"],
            "DJANGO_SECRET_KEY": "outage-test-" + "k" * 40,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DATABASE_URL": database.url,
            "CACHE_URL": cache.url,
            "BLOG_DATA_DIR": str(folder),
            "LANGUAGE_CODE": "en",
            "LOG_LEVEL": "INFO",
        }
        blog = servers.Blog(environment, folder / "gunicorn.log")
        blog.manage("migrate", "--noinput")
        blog.manage("load_demo")
        blog.manage("collectstatic", "--noinput", "--verbosity", "0")
        stack.callback(blog.stop)
        blog.start()
        yield database, cache, blog


def post_path(reader):
    _status, _headers, html, _seconds = reader.request("/")
    return BeautifulSoup(html, "html.parser").select_one("article h2 a, .entry-title a")["href"]


def test_database_outage_answers_503_keeps_the_comment_and_ends_by_itself(site):
    database, _cache, blog = site
    reader = Reader(blog.base)
    path = post_path(reader)
    form = reader.comment_form(path)
    worker = blog.process.pid

    database.stop()
    # Pages readers opened before are still served from the page cache, by
    # its fast path, which needs no database; the others answer 503.
    for page in ["/", path]:
        assert (page, reader.request(page)[0]) == (page, 200)
    for page in PAGES[1:]:
        status, headers, html, seconds = reader.request(page)
        assert (page, status) == (page, 503)
        assert headers["Retry-After"] == str(outages.RETRY_AFTER_SECONDS)
        assert "503 · Temporarily unavailable" in html
        assert "/static/css/site" in html
        assert seconds < 5
    status, _headers, html, _seconds = reader.request("/healthz")
    assert status == 503
    time.sleep(3)  # a person takes a moment to write
    typed = {**form, "name": "小王", "email": "reader@example.com", "body": COMMENT}
    status, _headers, html, _seconds = reader.request(path, typed)
    assert status == 503
    kept = BeautifulSoup(html, "html.parser").select_one("form#comment-form")
    assert kept.select_one("textarea[name=body]").text.lstrip("\n") == COMMENT
    assert kept.select_one("input[name=name]")["value"] == "小王"

    database.start()
    # "/" never stopped answering (from the cache): wait for a page that
    # needs the database.
    assert until(lambda: reader.request("/blog/archives/")[0] == 200)
    assert blog.process.poll() is None and blog.process.pid == worker
    for page in [*PAGES, path, "/healthz"]:
        assert (page, reader.request(page)[0]) == (page, 200)
    # The form the outage page gave back posts the comment now.
    again = {field["name"]: field.get("value", "") for field in kept.select("input[name]")}
    again["body"] = kept.select_one("textarea[name=body]").text.lstrip("\n")
    status, headers, _html, _seconds = reader.request(path, again)
    assert status == 302
    assert "Internal Server Error" not in blog.log()
    assert blog.log().count("The database is unavailable") == 1
    assert blog.log().count("The database is back") == 1


def test_cache_outage_costs_readers_nothing_and_caching_resumes(site):
    _database, cache, blog = site
    reader = Reader(blog.base)
    path = post_path(reader)
    form = reader.comment_form(path)

    cache.stop()
    for page in [*PAGES, path]:
        status, _headers, _html, seconds = reader.request(page)
        assert (page, status) == (page, 200)
        assert seconds < 5
    time.sleep(3)
    typed = {**form, "name": "小李", "email": "li@example.com", "body": COMMENT + " 2"}
    status, headers, _html, _seconds = reader.request(path, typed)
    assert status == 302
    status, _headers, html, _seconds = reader.request(headers["Location"])
    assert "waiting for approval" in html
    assert re.search(r"A comment written while the database was away: <code>kept</code>. 2", html)
    sign_in = {"username": "nobody", "password": "wrong", "next": "/admin/"}
    admin_form = reader.request("/admin/login/")
    assert admin_form[0] == 200
    sign_in["csrfmiddlewaretoken"] = BeautifulSoup(admin_form[2], "html.parser").select_one(
        "input[name=csrfmiddlewaretoken]"
    )["value"]
    assert [reader.request("/admin/login/", sign_in)[0] for _ in range(5)] == [200] * 5

    cache.start()
    client = redis.Redis(port=cache.port, socket_timeout=2)

    def counted():
        reader.request("/admin/login/", sign_in)
        return bool(client.keys("*login-fail:ip:*"))

    assert until(counted)
    assert "Internal Server Error" not in blog.log()
    assert blog.log().count("The cache is unavailable") == 1
    assert blog.log().count("The cache is back") == 1
