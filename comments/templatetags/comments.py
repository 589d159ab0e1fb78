import zlib

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from comments.models import Comment
from posts.pagecache import fragments

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


def _identity(comment):
    """What a comment shows in a thread, its replies included."""
    return (
        comment.pk,
        comment.status,
        comment.name,
        comment.website,
        comment.created_at,
        comment.body_html,
        [_identity(reply) for reply in getattr(comment, "thread_replies", [])],
    )


@register.simple_tag
def comment_thread(comments, comment_form):
    """The post's comments as threaded by ``comments.views.threaded``
    (``comments/thread.html``), cached under everything they show: an approved,
    edited or re-rendered comment renders the thread afresh on the next
    request (see ``posts.pagecache.fragments``)."""
    shows_form = bool(comment_form)
    return fragments.render_each(
        "comments/thread.html",
        [{"comments": comments, "comment_form": shows_form}],
        [(shows_form, [_identity(comment) for comment in comments])],
    )[0]


@register.simple_tag(takes_context=True)
def comment_form_html(context, form):
    """The comment form (``comments/form.html``).

    Rendering its widgets cost more than the rest of the comments. A blank
    form whose per-reader values are page-cache placeholders (see
    ``posts.pagecache.holes``) is the same for every reader of the post, so
    it is cached under the post's address, the placeholders and the
    language; a form with a reader's input, a reply's parent or real tokens
    is rendered each time.
    """
    post = context["post"]
    csrf_token = context.get("csrf_token")
    values = {"form": form, "post": post, "csrf_token": csrf_token}
    request = context.get("request")
    shared = (
        not form.is_bound
        and not form["parent"].value()
        and getattr(request, "page_holes", None) is not None
    )
    if not shared:
        return mark_safe(render_to_string("comments/form.html", values))
    identity = (post.get_absolute_url(), form["token"].value(), str(csrf_token))
    return fragments.render_each("comments/form.html", [values], [identity])[0]
