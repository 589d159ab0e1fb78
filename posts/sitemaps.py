"""``/sitemap.xml`` and ``/robots.txt``: what search engines may crawl.

The sitemap lists published posts (with their last change), tag pages and
the list pages; drafts and scheduled posts never appear.
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
from posts.models import Post, published_tags


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


class PageSitemap(SiteSitemap):
    """The index, the archives and the tag list."""

    changefreq = "daily"

    def items(self):
        return ["posts:index", "posts:archives", "posts:tags"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "posts": PostSitemap, "tags": TagSitemap}


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
