"""Who gets published at once, and who is told about new comments."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from blog.http import absolute_url
from comments import spam
from comments.models import Comment

logger = logging.getLogger(__name__)


def initial_status(comment):
    """Pending or approved, per ``COMMENT_MODERATION`` and the comment's links.

    ``all``: every comment waits. ``known``: a commenter who already has an
    approved comment under the same name and the same email (both compared
    without regard to case) is published at once; an address alone proves
    nothing, since anyone may know it. Link-heavy comments always wait for a
    person. A held comment is answered the same way whoever sent it, so the
    answer never tells whether an address has commented before.
    """
    if spam.count_links(comment.body) > spam.MAX_LINKS:
        return Comment.Status.PENDING
    if settings.COMMENT_MODERATION == "all":
        return Comment.Status.PENDING
    known = (
        Comment.objects.approved()
        .filter(email__iexact=comment.email, name__iexact=comment.name)
        .exists()
    )
    return Comment.Status.APPROVED if known else Comment.Status.PENDING


def notify_author(comment, request):
    """Email the author about ``comment`` once the transaction commits.

    A mail failure is logged, never shown to the reader: the comment is saved.
    """
    if not settings.BLOG_AUTHOR_EMAIL:
        return
    post_url = absolute_url(request, comment.get_absolute_url())
    admin_url = absolute_url(request, reverse("admin:comments_comment_change", args=[comment.pk]))
    subject = f"[{settings.BLOG_TITLE}] {comment.name} → {comment.post.title}"
    body = (
        f"{comment.name} <{comment.email}> ({comment.get_status_display()})\n"
        f"{comment.website}\n\n{comment.body}\n\n"
        f"Post: {post_url}\nModerate: {admin_url}\nIP: {comment.ip_address}\n"
    )

    def send():
        try:
            send_mail(subject, body, None, [settings.BLOG_AUTHOR_EMAIL])
        except Exception:  # any transport error: the comment is already safe
            logger.exception("Could not send the notification for comment %s", comment.pk)

    transaction.on_commit(send)
