from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from posts.models import Page, Post, Series, published_tags
from posts.pagecache import fragments
from posts.pagecache.generation import remember

register = template.Library()

# The sidebar is the same on every page: rendered once per change to the
# site (see posts.pagecache), not once per page, and fetched in one piece.


# How many of each the sidebar shows.
RECENT_POSTS = 5
CLOUD_TAGS = 30
SIDEBAR_SERIES = 10


def site_parts():
    """The navigation's pages and the sidebar, read from the cache together."""

    def compute():
        # The indentation the widgets had in base.html as three tags.
        sidebar = "\n        ".join([recent_posts(), series_widget(), tag_cloud()])
        return {"pages": list(Page.objects.in_navigation()), "sidebar": sidebar}

    return remember("site-parts", compute)


@register.simple_tag
def sidebar():
    """The recent posts, the series and the tag cloud."""
    return mark_safe(site_parts()["sidebar"])


def recent_posts():
    recent = Post.objects.published().only("title", "slug", "publish_at")[:RECENT_POSTS]
    return render_to_string("posts/includes/recent_posts.html", {"recent": recent})


def tag_cloud():
    tags = published_tags().order_by("-num_posts", "name")[:CLOUD_TAGS]
    return render_to_string("posts/includes/tag_cloud.html", {"tags": tags})


@register.simple_tag
def post_entries(posts, pinned=False):
    """Each post's entry in a list of posts (``posts/includes/post_entry.html``),
    cached per post under what it shows (see ``posts.pagecache.fragments``)."""
    posts = list(posts)
    return fragments.render_each(
        "posts/includes/post_entry.html",
        [{"post": post, "pinned": pinned} for post in posts],
        [
            (
                post.pk,
                post.title,
                post.slug,
                post.publish_at,
                post.excerpt_html,
                post.reading_minutes,
                getattr(post, "num_comments", None),
                pinned,
            )
            for post in posts
        ],
    )


@register.filter
def iso_datetime(value):
    """``value`` as HTML's datetime attribute wants it: ``2024-05-01T08:03:40+08:00``.

    Whole seconds, in the site's time zone, with the offset's colon.
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def series_widget():
    """The sidebar's series, most recently continued first."""
    series_list = Series.objects.with_published_parts().only("title", "slug")[:SIDEBAR_SERIES]
    return render_to_string("posts/includes/series_widget.html", {"series_list": series_list})


@register.inclusion_tag("posts/includes/nav_pages.html", takes_context=True)
def navigation_pages(context):
    """The standalone pages in the navigation, the current one marked."""
    request = context.get("request")
    return {"pages": site_parts()["pages"], "path": request.path if request else ""}


# Bumped when a setting changes (tests): fixed blocks render afresh.
_settings_epoch = [0]


def _settings_changed(**kwargs):
    _settings_epoch[0] += 1


setting_changed.connect(_settings_changed, dispatch_uid="blog_extras.fixed")


class FixedNode(template.Node):
    """See ``fixed``."""

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered = {}

    def render(self, context):
        # Not under DEBUG (templates edited while the server runs), nor
        # without a request: a context without the context processors (the
        # blog's title) must not set what every later page shows.
        if settings.DEBUG or getattr(context, "request", None) is None:
            return self.nodelist.render(context)
        key = (_settings_epoch[0], get_language(), get_script_prefix())
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = self.nodelist.render(context)
        return html


@register.tag
def fixed(parser, token):
    """``{% fixed %}…{% endfixed %}``: rendered once per process and language.

    Only for markup that depends on nothing but the code, the settings and the
    language (links made with ``{% url %}`` and ``{% static %}``, translated
    labels, the blog's title): the page's frame, which every page rendered
    again, tag by tag. Never around anything that depends on the request, the
    data or the time.
    """
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    return FixedNode(nodelist)
