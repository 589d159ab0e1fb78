from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from posts.models import OriginalURL, Post
from posts.tests.factories import make_post


@pytest.fixture
def moved(db):
    post = make_post("Moved", slug="moved", publish_at=datetime(2015, 1, 2, tzinfo=UTC))
    OriginalURL.objects.create(post=post, path="/old/moved.html")
    OriginalURL.objects.create(post=post, path="/?p=7")
    return post


def test_an_old_address_answers_301_for_the_queries_of_the_404_it_replaces(moved, client):
    client.get("/old/warm.html")  # what every page computes once and keeps
    with CaptureQueriesContext(connection) as missing:
        assert client.get("/old/missing.html").status_code == 404
    with CaptureQueriesContext(connection) as found:
        response = client.get("/old/moved.html")
    assert len(found) == len(missing)
    assert response.status_code == 301 and response["Location"] == moved.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_wordpress_query_addresses_redirect_before_the_front_page(moved, client):
    response = client.get("/?p=7")
    assert response.status_code == 301 and response["Location"] == moved.get_absolute_url()
    assert client.get("/?p=8").status_code == 200


def test_unknown_drafts_and_hostile_addresses_stay_404(moved, client):
    assert client.get("/old/other.html").status_code == 404
    assert client.get("/old/%00.html").status_code == 404
    Post.objects.filter(pk=moved.pk).update(status=Post.Status.DRAFT)
    assert client.get("/old/moved.html").status_code == 404


def test_odd_request_paths_are_404_not_errors(moved, client):
    for path in ("/a//[evil/", "/x/%25E4.html", "/x/[x]/", "/x/" + "a" * 2000):
        assert client.get(path).status_code == 404, path
    OriginalURL.objects.create(post=moved, path="/100%.html")
    assert client.get("/100%25.html").status_code == 301


def test_other_front_page_queries_cost_nothing(moved, client):
    client.get("/?warm=1")  # what the page computes once and keeps
    with CaptureQueriesContext(connection) as plain:
        client.get("/?a=1")
    with CaptureQueriesContext(connection) as tracked:
        assert client.get("/?utm_source=feed&" + "&".join(["x=1"] * 500)).status_code == 200
    assert len(tracked) == len(plain)
