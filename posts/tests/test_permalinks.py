from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from posts.models import OldPermalink, Post
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_changing_the_slug_redirects_the_old_url(client):
    post = make_post("Moving", slug="old-name")
    old_url = post.get_absolute_url()
    post.slug = "new-name"
    post.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()
    assert client.get(post.get_absolute_url()).status_code == 200


def test_changing_the_date_redirects_the_old_url_even_when_the_slug_is_reused(client):
    post = make_post("Dated", slug="dated", days_ago=30)
    old_url = post.get_absolute_url()
    other = make_post("Other with the same slug", slug="dated", days_ago=3)
    post.publish_at -= timedelta(days=400)
    post.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url() != other.get_absolute_url()


def test_chained_moves_and_moving_back(client):
    post = make_post("Chain", slug="a")
    url_a = post.get_absolute_url()
    post.slug = "b"
    post.save()
    url_b = post.get_absolute_url()
    post.slug = "c"
    post.save()
    assert client.get(url_a)["Location"] == client.get(url_b)["Location"] == post.get_absolute_url()
    post.slug = "a"
    post.save()
    assert client.get(url_a).status_code == 200
    assert client.get(url_b)["Location"] == url_a
    assert not OldPermalink.objects.filter(slug="a").exists()


def test_saving_without_a_move_records_nothing_and_costs_no_extra_query():
    post = make_post("Still")
    post = Post.objects.get(pk=post.pk)
    post.title = "Still here"
    with CaptureQueriesContext(connection) as queries:
        post.save()
    # Other save hooks (revisions) may query; the permalink bookkeeping does not.
    assert not any("oldpermalink" in query["sql"].lower() for query in queries)
    assert not OldPermalink.objects.exists()


def test_a_deferred_slug_is_read_back_before_saving(client):
    post = make_post("Deferred", slug="deferred")
    old_url = post.get_absolute_url()
    loaded = Post.objects.only("title").get(pk=post.pk)
    loaded.slug = "renamed"
    loaded.save()
    assert client.get(old_url).status_code == 301


def test_old_url_of_a_draft_is_hidden_from_readers(staff_client):
    post = make_post("Hidden", slug="hidden")
    old_url = post.get_absolute_url()
    post.slug = "hidden-2"
    post.status = Post.Status.DRAFT
    post.save()
    assert Client().get(old_url).status_code == 404
    assert staff_client.get(old_url).status_code == 301


def test_percent_encoded_slug_keeps_the_octopress_url(client):
    post = make_post("编码", slug="%E4%B8%AD%E6%96%87")
    url = post.get_absolute_url()
    assert url.endswith("/%E4%B8%AD%E6%96%87/")
    assert client.get(url).status_code == 200
    raw = make_post("原样", slug="中文-raw")
    assert client.get(raw.get_absolute_url()).status_code == 200
