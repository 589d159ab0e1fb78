import zlib

from django import template

from comments.models import Comment

register = template.Library()


@register.filter
def avatar_hue(name):
    """One of twelve stable colours for a commenter's initials avatar (a class
    in site.css: the Content-Security-Policy allows no inline style)."""
    return zlib.crc32(str(name).encode("utf-8")) % 12


@register.simple_tag
def pending_comment_count():
    """How many comments wait for approval (shown on the admin index)."""
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
