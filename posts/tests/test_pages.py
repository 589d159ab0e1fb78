"""Standalone pages: their address, the navigation, the sitemap, and what they stay out of."""

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from posts.models import Page
from posts.tests.factories import make_page, make_post

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def nav_links(client, url="/"):
    nav = soup(client.get(url)).select_one("nav.site-nav")
    return [(a.text, unquote(a["href"])) for a in nav.select("a")]


def page_form(**overrides):
    data = {
        "title": "关于",
        "slug": "关于",
        "body": "## 我\n\n写代码的人。",
        "status": "published",
        "show_in_navigation": "on",
        "navigation_order": "0",
    }
    data.update(overrides)
    return data


def test_a_page_is_rendered_markdown_at_its_slug(client):
    page = make_page("关于", slug="关于", body="## 我是谁\n\n写 **代码** 的人。")
    assert unquote(page.get_absolute_url()) == "/关于/"
    html = soup(client.get(page.get_absolute_url()))
    assert html.select_one("h1").text == "关于"
    assert html.select_one('.entry-content h2[id="我是谁"]') is not None
    assert html.select_one(".entry-content strong").text == "代码"


def test_saving_a_page_renders_it_again():
    page = make_page("Links", slug="links", body="old")
    page.body = "*new*"
    page.save()
    assert Page.objects.get(pk=page.pk).body_html == "<p><em>new</em></p>"


def test_a_page_without_a_slug_gets_one_from_its_title():
    assert make_page("友情链接").slug == "友情链接"


def test_drafts_are_hidden_from_readers_and_previewed_for_staff(staff_client):
    client = Client()
    draft = make_page("Secret", slug="secret", status=Page.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    preview = soup(staff_client.get(draft.get_absolute_url()))
    assert preview.select_one(".preview-banner") is not None
    assert preview.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    assert ("Secret", "/secret/") not in nav_links(client)


def test_navigation_lists_published_pages_in_the_authors_order(client):
    make_page("友情链接", slug="links", navigation_order=2)
    make_page("关于", slug="about", navigation_order=1)
    make_page("Hidden", slug="hidden", show_in_navigation=False)
    make_page("Draft", slug="draft", status=Page.Status.DRAFT)
    links = nav_links(client)
    pages = [link for link in links if link[1] in {"/about/", "/links/", "/hidden/", "/draft/"}]
    assert pages == [("关于", "/about/"), ("友情链接", "/links/")]
    # The blog's own entries stay first.
    assert links.index(("标签", "/tags/")) < links.index(("关于", "/about/"))
    current = soup(client.get("/about/")).select_one('nav.site-nav a[aria-current="page"]')
    assert current["href"] == "/about/"
    # A page kept out of the navigation still answers at its address.
    assert client.get("/hidden/").status_code == 200


def test_pages_are_in_the_sitemap_but_not_in_feeds_lists_or_search(client):
    post = make_post("A post", slug="a-post", body="一篇文章")
    make_page("关于页面", slug="about", body="关于页面的独特内容")
    make_page("Draft", slug="draft", status=Page.Status.DRAFT)
    sitemap = client.get(reverse("posts:sitemap")).content.decode()
    assert "<loc>http://testserver/about/</loc>" in sitemap
    assert "/draft/" not in sitemap
    for url in ["/atom.xml", "/rss.xml"]:
        assert "独特内容" not in client.get(url).content.decode(), url
    index = soup(client.get("/")).select_one("main")
    assert [entry.text for entry in index.select("article.entry h2")] == ["A post"]
    archives = soup(client.get("/blog/archives/")).select_one("main")
    assert [a["href"] for a in archives.select("a")] == [post.get_absolute_url()]
    results = soup(client.get("/search/", {"q": "独特内容"})).select(".search-result")
    assert results == []


@pytest.mark.parametrize(
    "slug",
    ["blog", "tags", "series", "search", "admin", "page", "media", "static", "healthz", "comments"],
)
def test_the_admin_refuses_slugs_the_blog_uses(staff_client, slug, english):
    response = staff_client.post(
        reverse("admin:posts_page_add"), page_form(slug=slug, body="Everything I typed")
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    (message,) = form.errors["slug"]
    assert message.startswith(f"The address /{slug}/ belongs to the blog itself.")
    assert (
        "these are taken: admin, blog, comments, healthz, media, page, search, series, " in message
    )
    # Nothing the author typed is lost.
    assert (
        BeautifulSoup(response.content, "html.parser")
        .select_one("textarea[name=body]")
        .text.strip()
        == "Everything I typed"
    )
    assert not Page.objects.exists()


def test_the_refusal_is_in_chinese_by_default(staff_client):
    response = staff_client.post(reverse("admin:posts_page_add"), page_form(slug="series"))
    (message,) = response.context["adminform"].form.errors["slug"]
    assert message.startswith("网址 /series/ 已被博客自身使用")


@pytest.mark.parametrize("slug", ["About", "a b", "a/b", "atom.xml"])
def test_the_admin_refuses_slugs_that_are_not_lower_case_unicode(staff_client, slug):
    response = staff_client.post(reverse("admin:posts_page_add"), page_form(slug=slug))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"]
    assert not Page.objects.exists()


def test_the_admin_creates_a_page_with_a_chinese_slug(staff_client):
    response = staff_client.post(reverse("admin:posts_page_add"), page_form())
    assert response.status_code == 302
    page = Page.objects.get()
    assert (page.slug, page.status) == ("关于", "published")
    assert "写代码的人" in page.body_html
    assert ("关于", "/关于/") in nav_links(Client())


def test_the_page_route_is_the_last_of_the_site():
    def last(patterns):
        entry = patterns[-1]
        return last(entry.url_patterns) if hasattr(entry, "url_patterns") else entry

    assert last(get_resolver().url_patterns).name == "page"


@pytest.mark.parametrize("path", ["/%00/", "/a%00b/", "/%FF%FE/", "/" + "页" * 3000 + "/"])
def test_hostile_page_addresses_are_404(path):
    make_page("关于", slug="about")
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 404


def test_pages_and_navigation_run_a_constant_number_of_queries(client, django_assert_num_queries):
    def build(count):
        Page.objects.all().delete()
        for number in range(count):
            make_page(f"Page {number}", slug=f"p{number}", navigation_order=number)

    build(1)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/p0/").status_code == 200
    build(20)
    with django_assert_num_queries(len(queries)):
        assert client.get("/p0/").status_code == 200
