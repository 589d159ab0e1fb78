from django import template

from blog.http import absolute_url
from posts import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    """The absolute URL of ``path`` (default: this page, without its query string)."""
    request = context.get("request")
    if request is None:
        return ""
    return absolute_url(request, path or request.path)


@register.inclusion_tag("seo/page_meta.html", takes_context=True)
def page_meta(context):
    return {
        "canonical": canonical_url(context),
        "blog_title": context.get("blog_title", ""),
        "description": context.get("blog_subtitle", ""),
        "locale": seo.open_graph_locale(),
    }


@register.inclusion_tag("seo/post_meta.html", takes_context=True)
def post_meta(context, post):
    url = canonical_url(context, post.get_absolute_url())
    tags = context["post_tags"]  # read once by the post page's view
    return {
        "post": post,
        "canonical": url,
        "blog_title": context.get("blog_title", ""),
        "description": seo.description(post),
        "locale": seo.open_graph_locale(),
        "tags": tags,
        "updated_at": seo.updated_at(post),
        "json_ld": seo.json_ld_script(seo.blog_posting(post, url, tags)),
    }
