from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from posts.models import Page, Post, Series, published_tags
from posts.pagecache.generation import remember

register = template.Library()

# The sidebar is the same on every page: rendered once per change to the
# site (see posts.pagecache), not once per page.


@register.simple_tag
def recent_posts(limit=5):
    def render():
        recent = Post.objects.published().only("title", "slug", "publish_at")[:limit]
        return render_to_string("posts/includes/recent_posts.html", {"recent": recent})

    return mark_safe(remember(f"recent_posts:{limit}", render))


@register.simple_tag
def tag_cloud(limit=30):
    def render():
        tags = published_tags().order_by("-num_posts", "name")[:limit]
        return render_to_string("posts/includes/tag_cloud.html", {"tags": tags})

    return mark_safe(remember(f"tag_cloud:{limit}", render))


@register.filter
def iso_datetime(value):
    """``value`` as HTML's datetime attribute wants it: ``2024-05-01T08:03:40+08:00``.

    Whole seconds, in the site's time zone, with the offset's colon.
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag
def series_widget(limit=10):
    """The sidebar's series, most recently continued first."""

    def render():
        series_list = Series.objects.with_published_parts().only("title", "slug")[:limit]
        return render_to_string("posts/includes/series_widget.html", {"series_list": series_list})

    return mark_safe(remember(f"series_widget:{limit}", render))


@register.inclusion_tag("posts/includes/nav_pages.html", takes_context=True)
def navigation_pages(context):
    """The standalone pages in the navigation, the current one marked."""
    request = context.get("request")
    pages = remember("navigation_pages", lambda: list(Page.objects.in_navigation()))
    return {"pages": pages, "path": request.path if request else ""}
