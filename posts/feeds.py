"""Atom and RSS feeds: the 20 newest published posts (of the site, a tag or a
series) with their full content.

Entry ids are tag URIs built from the post's primary key and creation date,
so a feed reader keeps a post as the same entry when its title, slug or
publish date changes. Links and images inside the content are made absolute
against the post's URL. Every feed answers conditional GETs: the ETag is a
hash of the feed and Last-Modified the newest entry's change.
"""

import copy
import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from blog.http import absolute_url, site_url
from posts import seo
from posts.feedgen import ContentAtomFeed, ContentRssFeed
from posts.models import Post, Series, TaggedPost, published_tags

FEED_LENGTH = 20


class PostFeed(Feed):
    """The site's newest published posts, in Atom."""

    feed_type = ContentAtomFeed

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request: keep the request on a copy.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def title(self):
        return settings.BLOG_TITLE

    def subtitle(self):
        return settings.BLOG_SUBTITLE

    description = subtitle

    # Every address is absolute under the one site URL, so Django's syndication
    # never builds one from the request's Host.
    def link(self):
        return absolute_url(self.request, reverse("posts:index"))

    def feed_url(self):
        return absolute_url(self.request, self.request.path)

    def author_name(self):
        return settings.BLOG_AUTHOR

    def items(self):
        return self.prepared(self.posts()[:FEED_LENGTH])

    def posts(self):
        return Post.objects.published().without_sources().select_related("author")

    def prepared(self, posts):
        return self.with_tag_names(posts)

    def with_tag_names(self, posts):
        """``posts`` with their tag names, in one query (not a taggit queryset per post)."""
        posts = list(posts)
        names = {}
        rows = TaggedPost.objects.filter(content_object__in=posts).order_by("tag__name")
        for post_id, name in rows.values_list("content_object_id", "tag__name"):
            names.setdefault(post_id, []).append(name)
        for post in posts:
            post.feed_tag_names = names.get(post.pk, [])
        return posts

    def item_title(self, post):
        return post.title

    def item_absolute_url(self, post):
        if not hasattr(post, "feed_url"):  # asked for twice per entry
            post.feed_url = absolute_url(self.request, post.get_absolute_url())
        return post.feed_url

    item_link = item_absolute_url

    # The HTML as stored: the feed generator makes its links absolute
    # (posts.feedgen) when it writes the entry afresh.
    def item_description(self, post):
        if post.summary.strip():
            return escape(post.summary.strip())
        return post.excerpt_html

    def item_extra_kwargs(self, post):
        return {"content_html": post.body_html}

    def item_guid(self, post):
        created = post.created_at.date().isoformat()
        domain = urlsplit(site_url(self.request)).hostname
        return f"tag:{domain},{created}:post:{post.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, post):
        return post.publish_at

    def item_updateddate(self, post):
        return seo.updated_at(post)

    def item_author_name(self, post):
        return seo.author_name(post)

    def item_categories(self, post):
        return post.feed_tag_names


class PostRssFeed(PostFeed):
    """The same posts in RSS 2.0."""

    feed_type = ContentRssFeed


class TagFeed(PostFeed):
    """The newest published posts with one tag, in Atom."""

    def get_object(self, request, slug):
        return get_object_or_404(published_tags(), slug=slug)

    def title(self, tag):
        return _("%(blog)s: posts tagged “%(tag)s”") % {
            "blog": settings.BLOG_TITLE,
            "tag": tag.name,
        }

    def link(self, tag):
        return absolute_url(self.request, reverse("posts:tag", kwargs={"slug": tag.slug}))

    def items(self, tag):
        return self.prepared(self.posts().filter(tags=tag)[:FEED_LENGTH])


class SeriesFeed(PostFeed):
    """The newest published posts of one series, in Atom: to hear of the next part."""

    def get_object(self, request, slug):
        return get_object_or_404(Series.objects.with_published_parts(), slug=slug)

    def title(self, series):
        return _("%(blog)s: series “%(series)s”") % {
            "blog": settings.BLOG_TITLE,
            "series": series.title,
        }

    def subtitle(self, series):
        return series.description

    description = subtitle

    def link(self, series):
        return absolute_url(self.request, series.get_absolute_url())

    def items(self, series):
        return self.prepared(self.posts().filter(series=series)[:FEED_LENGTH])


# A feed's scope: its posts, and the change time of anything else it shows (or None).
def _site_scope(posts):
    return posts, None


def _tag_scope(posts, slug):
    return posts.filter(tags__slug=slug), None


def _series_scope(posts, slug):
    return posts.filter(series__slug=slug), "series__updated_at"


def _feed_state(request, scope, kwargs):
    """What a feed shows, in one query kept for the request: its entries' ids, edit and
    publish times, the newest ``FEED_LENGTH`` only (counting every post grew with the blog)."""
    if not hasattr(request, "_feed_state"):
        posts, touched = scope(Post.objects.published(), **kwargs)
        fields = ["pk", "updated_at", "publish_at", *([touched] if touched else [])]
        rows = list(posts.order_by("-publish_at", "-id").values_list(*fields)[:FEED_LENGTH])
        request._feed_state = {
            "entries": [row[:3] for row in rows],
            "updated": max((row[1] for row in rows), default=None),
            "newest": max((row[2] for row in rows), default=None),
            "touched": max((row[3] for row in rows), default=None) if touched else None,
        }
    return request._feed_state


def _conditional(feed, scope):
    """``feed`` as a view answering conditional GETs: a client that has the
    current feed gets a 304 from one cheap query, before any post is loaded."""

    def etag(request, **kwargs):
        """Changes when a post in the feed is published, edited or removed."""
        state = _feed_state(request, scope, kwargs)
        key = "|".join(
            str(part)
            for part in (
                request.path,
                state["entries"],
                state["touched"],
                settings.BLOG_TITLE,
                get_language(),
            )
        )
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    def last_modified(request, **kwargs):
        state = _feed_state(request, scope, kwargs)
        stamps = [state["updated"], state["newest"], state["touched"]]
        return max(filter(None, stamps), default=None)

    return condition(etag_func=etag, last_modified_func=last_modified)(feed)


site_atom = _conditional(PostFeed(), _site_scope)
site_rss = _conditional(PostRssFeed(), _site_scope)
tag_atom = _conditional(TagFeed(), _tag_scope)
series_atom = _conditional(SeriesFeed(), _series_scope)
