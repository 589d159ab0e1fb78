import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from posts.models import Post
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def head(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def meta(soup, key):
    element = soup.select_one(f'meta[name="{key}"], meta[property="{key}"]')
    return element["content"] if element else None


def test_post_page_describes_the_post(client):
    post = make_post(
        "Pod 入门 </script><script>alert(1)</script>",
        body="第一段讲容器。\n\n<!-- more -->\n\n第二段。",
        tags=["k8s"],
    )
    soup = head(client, post.get_absolute_url())
    url = "http://testserver" + post.get_absolute_url()
    assert soup.title.text.startswith("Pod 入门")
    assert meta(soup, "description") == "第一段讲容器。"
    assert soup.select_one('link[rel="canonical"]')["href"] == url
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == post.title
    assert meta(soup, "og:url") == url
    assert meta(soup, "og:description") == "第一段讲容器。"
    assert meta(soup, "article:tag") == "k8s"
    assert meta(soup, "twitter:card") == "summary"
    assert meta(soup, "twitter:title") == post.title
    assert meta(soup, "robots") is None
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == post.title
    assert data["url"] == url
    assert data["author"] == {"@type": "Person", "name": "Happy Coder"}
    assert data["keywords"] == ["k8s"]
    assert data["datePublished"].startswith(str(post.publish_date))
    # No inline script: the only executable ones load from static files.
    assert not soup.select("script:not([type]):not([src])")


def test_summary_is_preferred_for_the_description(client):
    post = make_post("Post", body="正文。" * 200, summary="  一句话总结。 ")
    assert meta(head(client, post.get_absolute_url()), "description") == "一句话总结。"


def test_long_descriptions_are_cut(client):
    post = make_post("Post", body="很长的正文" * 200)
    assert len(meta(head(client, post.get_absolute_url()), "description")) <= 160


def test_other_pages_have_a_canonical_url_and_site_cards(client):
    make_post("Post", tags=["k8s"])
    soup = head(client, "/?page=3&utm=x")
    assert soup.select_one('link[rel="canonical"]')["href"] == "http://testserver/"
    assert meta(soup, "og:type") == "website"
    assert meta(soup, "description")
    tag = head(client, "/tags/k8s/")
    assert tag.select_one('link[rel="canonical"]')["href"] == "http://testserver/tags/k8s/"


def test_previews_and_search_results_are_not_indexed(staff_client):
    draft = make_post("Draft", status=Post.Status.DRAFT)
    assert "noindex" in meta(head(staff_client, draft.get_absolute_url()), "robots")
    assert "noindex" in meta(
        head(staff_client, reverse("search:search"), data={"q": "x"}), "robots"
    )


def test_nav_has_a_feed_link_and_a_search_box(client):
    soup = head(client, "/")
    nav = soup.select_one("nav.site-nav")
    assert nav.select_one(f'a[href="{reverse("posts:atom")}"]') is not None
    form = nav.select_one("form")
    assert form["action"] == reverse("search:search")
    assert form.get("method", "get").lower() == "get"
    assert form.select_one('input[name="q"]') is not None


def test_canonical_links_are_under_the_site_url(client, settings):
    settings.SITE_URL = "https://blog.example.com"
    settings.ALLOWED_HOSTS = ["localhost"]
    post = make_post("Canonical")
    soup = head(client, post.get_absolute_url(), HTTP_HOST="localhost:6666")
    url = "https://blog.example.com" + post.get_absolute_url()
    assert soup.select_one('link[rel="canonical"]')["href"] == url
    assert meta(soup, "og:url") == url


def test_canonical_link_of_a_chinese_address_is_percent_encoded(client):
    make_post("标签", tags=["容器"])
    soup = head(client, "/tags/容器/")
    expected = "http://testserver/tags/%E5%AE%B9%E5%99%A8/"
    assert soup.select_one('link[rel="canonical"]')["href"] == expected
