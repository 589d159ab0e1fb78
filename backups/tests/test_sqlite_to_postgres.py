"""Moving a blog from SQLite to PostgreSQL with the three commands README shows:
`backup` on SQLite, `migrate` then `restore` on PostgreSQL. The two blogs must
serve the same pages, compared one by one.

Each side is its own `manage.py` process with its own DATABASE_URL and media
folder. PostgreSQL is the one at DATABASE_URL when that is PostgreSQL, else
127.0.0.1:5432; the test makes and drops a database of its own there.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("DATABASE_URL", "")
if not SERVER.startswith(("postgres://", "postgresql://")):
    SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
SERVER = SERVER.rsplit("/", 1)[0]

# Prints every reader page of the blog it runs against, as {url: text}.
PAGES_SCRIPT = """
import hashlib, json, re
from django.test import Client
from posts.models import Image, Page, Post, Series, published_tags
client = Client(HTTP_HOST="127.0.0.1")
urls = ["/", "/blog/archives/", "/tags/", "/series/", "/atom.xml", "/rss.xml", "/sitemap.xml"]
urls += ["/robots.txt"] + [post.get_absolute_url() for post in Post.objects.published()]
urls += [page.get_absolute_url() for page in Page.objects.published()]
for series in Series.objects.all():
    urls += [series.get_absolute_url(), series.get_absolute_url() + "atom.xml"]
for tag in published_tags():
    urls += [f"/tags/{tag.slug}/", f"/tags/{tag.slug}/atom.xml"]
pages = {}
for url in urls:
    response = client.get(url)
    text = response.content.decode()
    # Form tokens are made afresh for every page view.
    text = re.sub(r'(name="(?:csrfmiddlewaretoken|token)" value=")[^"]*"', r"\\1", text)
    pages[url] = [response.status_code, text]
for image in Image.objects.all():
    response = client.get(image.file.url)
    body = b"".join(response.streaming_content if response.streaming else [response.content])
    pages[image.file.url] = [response.status_code, hashlib.sha256(body).hexdigest()]
print(json.dumps(pages))
"""


def reachable():
    try:
        psycopg.connect(SERVER + "/postgres", connect_timeout=3).close()
    except psycopg.Error as error:
        return str(error).strip()
    return ""


pytestmark = pytest.mark.skipif(
    bool(reachable()), reason=f"PostgreSQL at {SERVER} is unreachable: {reachable()}"
)


@pytest.fixture
def postgres_database():
    name = f"blog_backup_test_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(SERVER + "/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"{SERVER}/{name}"
    with psycopg.connect(SERVER + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(database_url, media, *arguments):
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": "backup-test-" + "k" * 40,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "BLOG_DATA_DIR": str(media.parent),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_sqlite_blog_restored_into_postgresql_serves_the_same_pages(tmp_path, postgres_database):
    sqlite = f"sqlite:///{tmp_path / 'blog.sqlite3'}"
    old_media, new_media = tmp_path / "old" / "media", tmp_path / "new" / "media"
    archive = tmp_path / "blog.zip"
    manage(sqlite, old_media, "migrate", "--noinput")
    manage(
        sqlite,
        old_media,
        "shell",
        "-c",
        "from backups.tests.factories import make_blog; make_blog()",
    )
    manage(sqlite, old_media, "collectstatic", "--noinput", "--verbosity", "0")

    manage(sqlite, old_media, "backup", str(archive))
    manage(postgres_database, new_media, "migrate", "--noinput")
    restored = manage(postgres_database, new_media, "restore", str(archive))
    assert "4 posts.post" in restored

    before = json.loads(manage(sqlite, old_media, "shell", "--no-imports", "-c", PAGES_SCRIPT))
    after = json.loads(
        manage(postgres_database, new_media, "shell", "--no-imports", "-c", PAGES_SCRIPT)
    )
    assert sorted(after) == sorted(before)
    assert len(before) == 18
    for url, (status, content) in before.items():
        assert (url, status) == (url, 200)
        assert (url, after[url][1]) == (url, content)
    # The restored blog goes on: a new post gets a fresh id, search finds old ones.
    check = (
        "from posts.tests.factories import make_post; from django.test import Client; "
        "make_post('After'); print(Client(HTTP_HOST='127.0.0.1').get('/search/?q=小节')"
        ".content.decode().count('Pod 入门') > 0)"
    )
    assert (
        manage(postgres_database, new_media, "shell", "--no-imports", "-c", check).strip() == "True"
    )
