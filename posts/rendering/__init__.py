"""The one Markdown renderer shared by the site, the admin, feeds and importers."""

from posts.rendering.links import BoundedLinksExtension
from posts.rendering.many import render_many
from posts.rendering.markdown import RenderedPost, render_post
from posts.rendering.text import count_units, plain_text, reading_minutes

__all__ = [
    "BoundedLinksExtension",
    "RenderedPost",
    "count_units",
    "plain_text",
    "reading_minutes",
    "render_many",
    "render_post",
]
