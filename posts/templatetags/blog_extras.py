from django import template
from django.utils import timezone

from posts.models import Page, Post, Series, published_tags

register = template.Library()


@register.inclusion_tag("posts/includes/recent_posts.html")
def recent_posts(limit=5):
    return {"recent": Post.objects.published().only("title", "slug", "publish_at")[:limit]}


@register.inclusion_tag("posts/includes/tag_cloud.html")
def tag_cloud(limit=30):
    return {"tags": published_tags().order_by("-num_posts", "name")[:limit]}


@register.filter
def iso_datetime(value):
    """``value`` as HTML's datetime attribute wants it: ``2024-05-01T08:03:40+08:00``.

    Whole seconds, in the site's time zone, with the offset's colon.
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.inclusion_tag("posts/includes/series_widget.html")
def series_widget(limit=10):
    """The sidebar's series, most recently continued first."""
    return {"series_list": Series.objects.with_published_parts().only("title", "slug")[:limit]}


@register.inclusion_tag("posts/includes/nav_pages.html", takes_context=True)
def navigation_pages(context):
    """The standalone pages in the navigation, the current one marked."""
    request = context.get("request")
    return {"pages": Page.objects.in_navigation(), "path": request.path if request else ""}
