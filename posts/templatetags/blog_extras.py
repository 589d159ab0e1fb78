import zlib

from django import template

from posts.models import Comment, Post, published_tags

register = template.Library()


@register.inclusion_tag("posts/includes/recent_posts.html")
def recent_posts(limit=5):
    return {"recent": Post.objects.published().only("title", "slug", "publish_at")[:limit]}


@register.inclusion_tag("posts/includes/tag_cloud.html")
def tag_cloud(limit=30):
    return {"tags": published_tags().order_by("-num_posts", "name")[:limit]}


@register.filter
def avatar_hue(name):
    """A stable colour (hue in degrees) for a commenter's initials avatar."""
    return zlib.crc32(str(name).encode("utf-8")) % 360


@register.simple_tag
def pending_comment_count():
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
