"""What search engines and link previews are told about pages and posts."""

import json

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from posts.rendering import plain_text

DESCRIPTION_LENGTH = 160
OPEN_GRAPH_LOCALES = {"zh-hans": "zh_CN", "en": "en_US"}
# Inside <script>, "</script>" or "<!--" in a title must not end or change the block.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def author_name(post):
    """The name shown for a post's author: their full name, else the blog's author."""
    if post.author_id and post.author.get_full_name():
        return post.author.get_full_name()
    return settings.BLOG_AUTHOR


def description(post):
    """A post's summary, else its excerpt as plain text, cut to about 160 characters."""
    text = post.summary.strip() or plain_text(post.excerpt_html)
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


def open_graph_locale():
    return OPEN_GRAPH_LOCALES.get(get_language() or "", "zh_CN")


def updated_at(post):
    """When a post last changed for readers: its edit time, never before it appeared."""
    return max(post.updated_at, post.publish_at)


def blog_posting(post, url, tags):
    """The schema.org ``BlogPosting`` of ``post`` at absolute ``url``, as a dict."""
    return {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": description(post),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": timezone.localtime(post.publish_at).isoformat(),
        "dateModified": timezone.localtime(updated_at(post)).isoformat(),
        "author": {"@type": "Person", "name": author_name(post)},
        "publisher": {"@type": "Organization", "name": settings.BLOG_TITLE},
        "inLanguage": get_language() or settings.LANGUAGE_CODE,
        "keywords": [tag.name for tag in tags],
    }


def json_ld_script(data):
    """``data`` in a ``<script type="application/ld+json">``, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
