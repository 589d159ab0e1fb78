"""Two gunicorn instances sharing one PostgreSQL and one Redis behave as one site.

The test starts everything itself (a Redis on a free port that saves
nothing, a PostgreSQL database of its own, two gunicorns) and stops it all
by process id. It proves that a moderation through one instance shows on
the other at once, and that one-use comment forms and rate limits hold
across both. Skipped when PostgreSQL, redis-server or gunicorn is missing,
unless REQUIRE_SERVERS is set (CI).
"""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from comments import spam

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "two-instances-pw-9137"
SETUP = f"""
from datetime import timedelta
from django.contrib.auth.models import User
from django.utils import timezone
from comments.models import Comment
from posts.models import Post
User.objects.create_superuser("editor", "editor@example.com", "{PASSWORD}")
day = timezone.now() - timedelta(days=1)
post = Post.objects.create(title="双实例文章", slug="two", body="正文。", status="published",
                           publish_at=day)
Post.objects.create(title="双实例草稿", slug="draft", body="草稿。", publish_at=day)
Comment.objects.create(post=post, name="读者", email="r@example.com", body="待批准的评论")
"""
TIMEOUT = 10  # seconds for any one request or start-up wait


def skip_or_fail(reason):
    if os.environ.get("REQUIRE_SERVERS"):
        pytest.fail(f"{reason}, but REQUIRE_SERVERS is set")
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, what):
    deadline = time.monotonic() + TIMEOUT * 3
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not start in time")


def server_url():
    """The PostgreSQL server to use: DATABASE_URL's when it is one, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    return url


@pytest.fixture(scope="module")
def database():
    try:
        import psycopg

        admin_url = urllib.parse.urlsplit(server_url())._replace(path="/postgres").geturl()
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except Exception as exc:  # no server, no driver, no access
        skip_or_fail(f"PostgreSQL is not available ({exc.__class__.__name__})")
    name = f"blog_two_instances_{os.getpid()}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlsplit(admin_url)._replace(path=f"/{name}").geturl()
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="module")
def redis_url():
    server = shutil.which("redis-server")
    if server is None:
        skip_or_fail("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: socket.create_connection(("127.0.0.1", port), 1).close() or True, "Redis")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(TIMEOUT)


@pytest.fixture(scope="module")
def site(database, redis_url, tmp_path_factory):
    """Two instances of the blog: their base URLs, and a way to run SQL on their database."""
    gunicorn = BIN / "gunicorn"
    if not gunicorn.exists():
        skip_or_fail("gunicorn is not installed")
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "CACHE_URL": redis_url,
        "DJANGO_SECRET_KEY": "two-instances-secret-" + "k" * 40,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "BLOG_DATA_DIR": str(tmp_path_factory.mktemp("data")),
        "COMMENT_MODERATION": "all",
        "EMAIL_URL": "locmem://",
        "LOG_LEVEL": "WARNING",
        "LANGUAGE_CODE": "en",
        "PAGE_CACHE": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    subprocess.run([*manage, "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, timeout=60)
    processes, urls = [], []
    try:
        for _ in range(2):
            port = free_port()
            processes.append(
                subprocess.Popen(
                    [
                        gunicorn,
                        "blog.wsgi",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--threads",
                        "4",
                        "--no-control-socket",
                        "--forwarded-allow-ips",
                        "",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                )  # fmt: skip
            )
            url = f"http://127.0.0.1:{port}"
            wait_for(lambda url=url: urllib.request.urlopen(url + "/healthz", timeout=1), url)
            urls.append(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(TIMEOUT)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies kept (for 127.0.0.1, whatever the port, as browsers do); no redirects followed."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirects()
        )

    def request(self, url, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(url, body, timeout=TIMEOUT) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def form(self, url, selector):
        status, _headers, html = self.request(url)
        assert status == 200
        form = BeautifulSoup(html, "html.parser").select_one(selector)
        return {field["name"]: field.get("value", "") for field in form.select("input[name]")}


def text_of(base, path):
    status, _headers, html = Browser().request(base + path)
    assert status == 200
    return html


def find_url(base, slug):
    """A post's address, read from the archives (its date is in the site's time zone)."""
    archives = text_of(base, "/blog/archives/")
    match = re.search(rf'href="(/blog/\d{{4}}/\d{{2}}/\d{{2}}/{slug}/)"', archives)
    assert match, slug
    return match.group(1)


def signed_in(base):
    staff = Browser()
    fields = staff.form(base + "/admin/login/", "form#login-form")
    fields.update(username="editor", password=PASSWORD)
    status, headers, _html = staff.request(base + "/admin/login/?next=/admin/", fields)
    assert status == 302, "sign-in failed"
    return staff


def admin_action(staff, base, model, action, object_id):
    changelist = f"{base}/admin/{model}/"
    fields = staff.form(changelist, "form#changelist-form")
    data = {
        "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
        "action": action,
        "index": "0",
        "select_across": "0",
        "_selected_action": [str(object_id)],
    }
    status, _headers, _html = staff.request(changelist, data)
    assert status == 302


def test_two_instances_behave_as_one_site(site):
    first, second = site
    path = find_url(first, "two")
    # Forms opened now are old enough to post once the moderation is done.
    readers = [(Browser(), base) for base in (first, second, first, second)]
    forms = [reader.form(base + path, "form#comment-form") for reader, base in readers]
    opened = time.monotonic()

    for base in (first, second):
        assert "待批准的评论" not in text_of(base, path)  # now cached on both
        assert "双实例草稿" not in text_of(base, "/")
    staff = signed_in(first)
    _status, _headers, html = staff.request(f"{first}/admin/comments/comment/")
    comment_id = re.search(r'name="_selected_action" value="(\d+)"', html).group(1)
    admin_action(staff, first, "comments/comment", "approve", comment_id)
    assert "待批准的评论" in text_of(second, path)
    _status, _headers, html = staff.request(f"{first}/admin/posts/post/?q=draft")
    draft_id = re.search(r'name="_selected_action" value="(\d+)"', html).group(1)
    admin_action(staff, first, "posts/post", "publish", draft_id)
    assert "双实例草稿" in text_of(second, "/")

    time.sleep(max(0, spam.MIN_SECONDS + 0.5 - (time.monotonic() - opened)))
    answers = []
    for number, ((reader, base), fields) in enumerate(zip(readers, forms, strict=True)):
        fields.update(name=f"Reader {number}", email="same@example.com", body=f"note-{number}-x")
        answers.append(reader.request(base + path, fields))
    # The first form sent again, through the other instance: no second comment.
    (reader, _base), fields = readers[0], forms[0]
    again = reader.request(second + path, fields)
    assert again[0] == 302 and again[1]["Location"] == answers[0][1]["Location"]
    # One address, three comments a minute, counted across both instances.
    assert [status for status, _headers, _html in answers] == [302, 302, 302, 429]
    count = staff.request(f"{first}/admin/comments/comment/?q=note-0-x")[2]
    assert count.count('name="_selected_action"') == 1
