"""Many readers at once: 300 open one post together, then comment 20 at a time.

Every comment is taken and stored once, double-clicked forms included; no
two readers share a one-use token. Threads drive the real request stack
(middleware, sessions, CSRF, the page cache) against the test database.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client

from comments import spam
from comments.models import Comment
from posts.tests.factories import make_post

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite's shared in-memory test database refuses a second writer "
        "('table is locked') instead of waiting; run with DATABASE_URL=postgres://…",
    ),
]

READERS = 300
AT_ONCE = 20
DOUBLE_CLICKERS = 30  # the first readers send their form twice at the same time


def open_post(url):
    client = Client(enforce_csrf_checks=True)
    response = client.get(url)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").select_one("form#comment-form")
    fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    return client, fields


def comment(url, client, fields, number):
    fields = {
        **fields,
        "name": f"读者{number}",
        "email": f"reader{number}@example.com",
        "body": f"第 {number} 条评论",
    }
    address = f"10.1.{number // 250}.{number % 250 + 1}"
    try:
        return client.post(url, fields, REMOTE_ADDR=address)
    finally:
        connection.close()


def test_300_readers_each_get_their_comment_taken_once(clock):
    post = make_post("热门文章", slug="popular")
    url = post.get_absolute_url()

    def reader(_number):
        try:
            return open_post(url)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        readers = list(pool.map(reader, range(READERS)))
    tokens = [fields["token"] for _client, fields in readers]
    csrf = [fields["csrfmiddlewaretoken"] for _client, fields in readers]
    assert len(set(tokens)) == READERS
    assert len(set(csrf)) == READERS

    clock.advance(spam.MIN_SECONDS + 2)
    jobs = [(client, fields, number) for number, (client, fields) in enumerate(readers)]
    jobs += jobs[:DOUBLE_CLICKERS]  # the same form sent again, at the same time
    jobs.sort(key=lambda job: job[2])
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        answers = list(pool.map(lambda job: (job[2], comment(url, *job)), jobs))

    assert [response.status_code for _number, response in answers] == [302] * len(jobs)
    bodies = sorted(Comment.objects.filter(post=post).values_list("body", flat=True))
    assert bodies == sorted(f"第 {number} 条评论" for number in range(READERS))
    by_reader = {}
    for number, response in answers:
        by_reader.setdefault(number, set()).add(response["Location"])
    # A double click lands both answers on the one comment it made.
    assert all(len(locations) == 1 for locations in by_reader.values())
