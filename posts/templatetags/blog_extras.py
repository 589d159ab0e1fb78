from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from posts.models import Post, published_tags
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
