from django import template

from posts.models import Post, published_tags

register = template.Library()


@register.inclusion_tag("posts/includes/recent_posts.html")
def recent_posts(limit=5):
    return {"recent": Post.objects.published().only("title", "slug", "publish_at")[:limit]}


@register.inclusion_tag("posts/includes/tag_cloud.html")
def tag_cloud(limit=30):
    return {"tags": published_tags().order_by("-num_posts", "name")[:limit]}
