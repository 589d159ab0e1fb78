"""Pinned posts open the front page, once, and keep their place everywhere else."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from posts.models import Post
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [
        (article.select_one(".entry-title a").text, "pinned" in article["class"])
        for article in page.select("main article.entry")
    ]


@pytest.fixture
def blog(settings):
    """Five posts, two per page; P3 (page 2) and P1 (page 1) pinned."""
    settings.POSTS_PER_PAGE = 2
    posts = [make_post(f"P{number}", days_ago=number) for number in range(5)]
    Post.objects.filter(title__in=["P1", "P3"]).update(pinned=True)
    return posts


def test_pinned_posts_come_first_on_page_one_newest_first_and_only_once(client, blog):
    assert entries(client, "/") == [("P1", True), ("P3", True), ("P0", False)]


def test_later_pages_and_the_archives_keep_pinned_posts_in_their_place(client, blog):
    assert entries(client, "/page/2/") == [("P2", False), ("P3", False)]
    assert entries(client, "/page/3/") == [("P4", False)]
    archives = BeautifulSoup(client.get("/blog/archives/").content, "html.parser")
    assert [a.text for a in archives.select("main li a")] == ["P0", "P1", "P2", "P3", "P4"]


def test_tag_pages_ignore_pinning(client, settings):
    settings.POSTS_PER_PAGE = 10
    make_post("Newer", days_ago=1, tags=["k8s"])
    make_post("Pinned older", days_ago=2, tags=["k8s"], pinned=True)
    assert entries(client, "/tags/k8s/") == [("Newer", False), ("Pinned older", False)]


def test_the_pinned_mark_is_visible_text(client, blog):
    page = BeautifulSoup(client.get("/").content, "html.parser")
    marks = [mark.text for mark in page.select("article.entry .pinned-mark")]
    assert marks == ["置顶", "置顶"]


def test_unpublished_pinned_posts_stay_hidden(client, settings):
    make_post("Visible", days_ago=1)
    make_post("Draft", pinned=True, status=Post.Status.DRAFT)
    make_post("Scheduled", pinned=True, days_ago=-2)
    assert entries(client, "/") == [("Visible", False)]


def test_a_blog_of_only_pinned_posts_shows_them_once(client):
    make_post("Only", pinned=True)
    page = BeautifulSoup(client.get("/").content, "html.parser")
    assert [a.text for a in page.select("article.entry .entry-title a")] == ["Only"]
    assert page.select_one("main .empty") is None


def test_front_page_queries_do_not_grow_with_pinned_or_listed_posts(
    client, django_assert_num_queries
):
    def build(count):
        Post.objects.all().delete()
        for number in range(count):
            make_post(f"P{number}", days_ago=number + 1, tags=["k8s"], pinned=number % 2 == 0)

    build(1)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    build(30)
    with django_assert_num_queries(len(queries)):
        assert client.get("/").status_code == 200
