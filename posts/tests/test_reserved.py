"""The slugs pages may not take are read from the URLconf."""

import pytest
from django.urls import include, path, re_path

from posts.reserved import reserved_slugs


def view(request):
    raise AssertionError("never called")


extra_urls = [
    path("shop/", view),
    path("feed.json", view),
    re_path(r"^wp-admin/", view),
    re_path(r"^legacy\.php$", view),
    re_path(r"^(?P<year>[0-9]{4})/$", view),
    path("", include("blog.urls")),
]


def test_the_blogs_own_first_segments_are_reserved():
    reserved = reserved_slugs()
    assert {"admin", "blog", "tags", "series", "search", "page", "media", "static"} <= reserved
    assert {"atom.xml", "rss.xml", "sitemap.xml", "robots.txt", "healthz"} <= reserved
    # The pages' own catch-all route reserves nothing.
    assert "" not in reserved and not any("<" in name for name in reserved)


@pytest.mark.urls("posts.tests.test_reserved")
def test_a_url_added_later_is_reserved_without_a_list_to_update(settings):
    settings.STATIC_URL = "/assets/"
    reserved = reserved_slugs()
    assert {"shop", "feed.json", "wp-admin", "legacy.php", "assets", "blog", "series"} <= reserved
    assert "static" not in reserved
    assert not any(name.startswith("(") or "[" in name for name in reserved)


urlpatterns = extra_urls
