"""``/sitemap.xml`` and ``/robots.txt``: what search engines may crawl.

The sitemap lists published posts (with their last change), tag pages,
series with a published post, published standalone pages and the list
pages; drafts and scheduled posts never appear.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from blog.http import absolute_url, site_url
from posts import seo
from posts.models import Page, Post, Series, published_tags


class SiteSitemap(Sitemap):
    """Locations under the blog's one site URL rather than the request's Host."""

    base = ""

    def get_protocol(self, protocol=None):
        return urlsplit(self.base).scheme

    def get_domain(self, site=None):
        return urlsplit(self.base).netloc


class PostSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        return Post.objects.published().only("slug", "publish_at", "updated_at").order_by("pk")

    def lastmod(self, post):
        return seo.updated_at(post)


class TagSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            published_tags()
            .annotate(latest=Max("tagged_posts__content_object__publish_at"))
            .order_by("name")
        )

    def location(self, tag):
        return reverse("posts:tag", kwargs={"slug": tag.slug})

    def lastmod(self, tag):
        return tag.latest


class SeriesSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Series.objects.with_published_parts().only("slug")

    def lastmod(self, series):
        return series.latest


class StandalonePageSitemap(SiteSitemap):
    """Published standalone pages (About, links, …)."""

    changefreq = "monthly"

    def items(self):
        return Page.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, page):
        return page.updated_at


class PageSitemap(SiteSitemap):
    """The index, the archives, the tag list and the series list."""

    changefreq = "daily"

    def items(self):
        return ["posts:index", "posts:archives", "posts:tags", "posts:series_list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "posts": PostSitemap,
    "tags": TagSitemap,
    "series": SeriesSitemap,
    "standalone": StandalonePageSitemap,
}


@require_safe
def sitemap_xml(request):
    """Django's sitemap view, with every location under :func:`blog.http.site_url`."""
    sitemaps = {}
    for name, sitemap_class in SITEMAPS.items():
        sitemaps[name] = sitemap_class()
        sitemaps[name].base = site_url(request)
    return sitemap(request, sitemaps)


@require_safe
def robots_txt(request):
    """Crawl everything but the admin; the sitemap is named with its absolute URL."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "",
        f"Sitemap: {absolute_url(request, reverse('posts:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
