"""Headers on every response: the Content-Security-Policy (django-csp, set up
in blog/settings.py) with nothing inline for it to block, and HEAD wherever
GET answers."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from comments.tests.factories import make_comment
from posts.tests.factories import make_page, make_post, make_series

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "img-src": "'self' https:",
    "object-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
}
# Script elements the browser does not run, which script-src does not govern.
DATA_SCRIPTS = {"application/ld+json", "application/json"}


@pytest.fixture
def site(db):
    post = make_post(
        "Tables and code",
        body="| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n```go\nx := 1\n```\n",
        tags=["go"],
    )
    make_comment(post, name="小王", body="A *comment*.")
    make_series("入门", slug="intro", posts=[post])
    make_page("关于", slug="about")
    return post


def reader_urls(post):
    return [
        "/",
        post.get_absolute_url(),
        "/blog/archives/",
        "/tags/",
        "/tags/go/",
        "/search/?q=code",
        "/atom.xml",
        "/rss.xml",
        "/tags/go/atom.xml",
        "/series/",
        "/series/intro/",
        "/series/intro/atom.xml",
        "/about/",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/no-such-page/",
    ]


def policy(response):
    """The response's policy as {directive: sources}, in whatever order it came."""
    directives = [
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    ]
    return {name: sources for name, sources in directives}


def assert_nothing_inline(response):
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select("style") == []
    assert [tag.name for tag in html.select("[style]")] == []
    inline = [
        script
        for script in html.select("script")
        if not script.get("src") and script.get("type") not in DATA_SCRIPTS
    ]
    assert inline == []
    handlers = [
        (tag.name, name)
        for tag in html.find_all(True)
        for name in tag.attrs
        if name.startswith("on")
    ]
    assert handlers == []


def test_every_reader_response_carries_the_policy(client, site):
    for url in reader_urls(site):
        response = client.get(url)
        assert (url, policy(response)) == (url, POLICY)


def test_reader_pages_have_nothing_inline_for_the_policy_to_block(client, site):
    pages = ["/", site.get_absolute_url(), "/blog/archives/", "/tags/", "/search/?q=code"]
    for url in [*pages, "/series/", "/series/intro/", "/about/"]:
        assert_nothing_inline(client.get(url))
    assert_nothing_inline(client.get("/no-such-page/"))


def test_the_admin_carries_the_policy_and_needs_nothing_inline(client, staff_client, site):
    response = client.get(reverse("admin:login"))
    assert policy(response) == POLICY
    assert_nothing_inline(response)
    for url in [
        reverse("admin:index"),
        reverse("admin:posts_post_changelist"),
        reverse("admin:posts_post_change", args=[site.pk]),
        reverse("admin:posts_post_add"),
        reverse("admin:comments_comment_changelist"),
        reverse("admin:taggit_tag_changelist"),
        reverse("admin:import_jekyll"),
    ]:
        response = staff_client.get(url)
        assert (url, response.status_code) == (url, 200)
        assert policy(response) == POLICY
        assert_nothing_inline(response)


def test_head_answers_wherever_get_does(client, site):
    for url in reader_urls(site):
        get, head = client.get(url), client.head(url)
        assert (url, head.status_code) == (url, get.status_code)
        assert head.content == b""
