"""``/sitemap.xml`` and ``/robots.txt``: what search engines may crawl.

The sitemap lists published posts (with their last change), tag pages,
series with a published post, published standalone pages and the list
pages; drafts and scheduled posts never appear.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from posts import seo
from posts.models import Page, Post, Series, published_tags


class PostSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Post.objects.published().only("slug", "publish_at", "updated_at").order_by("pk")

    def lastmod(self, post):
        return seo.updated_at(post)


class TagSitemap(Sitemap):
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


class SeriesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Series.objects.with_published_parts().only("slug")

    def lastmod(self, series):
        return series.latest


class StandalonePageSitemap(Sitemap):
    """Published standalone pages (About, links, …)."""

    changefreq = "monthly"

    def items(self):
        return Page.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, page):
        return page.updated_at


class PageSitemap(Sitemap):
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


@require_GET
def robots_txt(request):
    """Crawl everything but the admin; the sitemap is named with its absolute URL."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('posts:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
