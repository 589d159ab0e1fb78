import zlib

from django import template

from comments.models import Comment

register = template.Library()


@register.filter
def avatar_hue(name):
    """A stable colour (hue in degrees) for a commenter's initials avatar."""
    return zlib.crc32(str(name).encode("utf-8")) % 360


@register.simple_tag
def pending_comment_count():
    """How many comments wait for approval (shown on the admin index)."""
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
