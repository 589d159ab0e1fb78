from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from posts.models import Post
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    response = client.get(reverse("posts:sitemap"))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


def test_sitemap_lists_exactly_the_published_posts_tags_and_list_pages(client):
    published = make_post("Published", slug="published", tags=["k8s", "容器"])
    make_post("Draft", slug="draft", status=Post.Status.DRAFT, tags=["secret"])
    make_post("Future", slug="future", days_ago=-1, tags=["secret"])
    entries = sitemap_entries(client)
    base = "http://testserver"
    post_urls = {url for url in entries if "/blog/2" in url}
    assert post_urls == {base + published.get_absolute_url()}
    tag_urls = {
        url for url in entries if url.startswith(base + "/tags/") and url != base + "/tags/"
    }
    assert tag_urls == {base + "/tags/k8s/", base + "/tags/%E5%AE%B9%E5%99%A8/"}
    assert {base + "/", base + "/blog/archives/", base + "/tags/"} <= set(entries)
    assert (
        entries[base + published.get_absolute_url()]
        == timezone.localdate(published.updated_at).isoformat()
    )
    assert entries[base + "/tags/k8s/"] == timezone.localdate(published.publish_at).isoformat()


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get(reverse("posts:robots"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.post(reverse("posts:robots")).status_code == 405


def test_sitemap_runs_a_constant_number_of_queries(client):
    def queries_for(count):
        Post.objects.all().delete()
        for number in range(count):
            make_post(f"P{number}", tags=["k8s", f"t{number}"])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("posts:sitemap")).status_code == 200
        return len(queries)

    assert queries_for(1) == queries_for(40)


def test_sitemap_and_robots_name_the_site_url_whatever_the_host(client, settings):
    settings.SITE_URL = "https://blog.example.com"
    settings.ALLOWED_HOSTS = ["localhost"]
    published = make_post("Published", slug="published", tags=["k8s"])
    response = client.get(reverse("posts:sitemap"), HTTP_HOST="localhost:6666")
    locations = {
        url.findtext("sm:loc", namespaces=NS)
        for url in ElementTree.fromstring(response.content).findall("sm:url", NS)
    }
    assert "https://blog.example.com" + published.get_absolute_url() in locations
    assert all(url.startswith("https://blog.example.com/") for url in locations)
    robots = client.get(reverse("posts:robots"), HTTP_HOST="localhost:6666")
    assert "Sitemap: https://blog.example.com/sitemap.xml" in robots.content.decode()
