"""``/sitemap.xml`` and ``/robots.txt``: what search engines may crawl.

The sitemap lists published posts (with their last change), tag pages and
the list pages; drafts and scheduled posts never appear.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from posts import seo
from posts.models import Post, published_tags


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


class PageSitemap(Sitemap):
    """The index, the archives and the tag list."""

    changefreq = "daily"

    def items(self):
        return ["posts:index", "posts:archives", "posts:tags"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "posts": PostSitemap, "tags": TagSitemap}


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
