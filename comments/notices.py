"""Reply notices: a commenter who asked is mailed once when a reply to them is approved.

``announce_replies`` is the one place a notice starts from, whichever way a
reply comes to be approved: published at once when posted, or approved by
the author in the admin (list action or edit form). Staff replies count like
any other. The unsubscribe link carries the comment's id signed with the
site's secret key and no expiry, so it works without an account, forever.
"""

import logging

from django.conf import settings
from django.core import mail, signing
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from blog.http import absolute_url
from comments.models import Comment

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "comments.reply-notices.unsubscribe"


def unsubscribe_token(comment):
    return signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT)


def check_unsubscribe_token(token):
    """The comment id ``token`` names; ``signing.BadSignature`` if this site did not make it."""
    return signing.loads(token, salt=UNSUBSCRIBE_SALT)


def unsubscribe(token):
    """Stop reply notices to the address of the comment ``token`` names.

    Every comment from that address stops asking: the reader said "no more
    email". Raises ``signing.BadSignature`` for a token this site did not make.
    """
    comment_id = check_unsubscribe_token(token)
    email = Comment.objects.filter(pk=comment_id).values_list("email", flat=True).first()
    if email:
        Comment.objects.filter(email__iexact=email, notify_replies=True).update(
            notify_replies=False
        )


def _claim(replies):
    """The approved replies among ``replies`` whose parent's author is still owed a notice.

    Marked as announced in the same transaction, rows locked where the
    database can: two approvals racing announce a reply once.
    """
    ids = [reply.pk for reply in replies if reply.parent_id]
    if not ids:
        return []
    with transaction.atomic():
        owed = list(
            Comment.objects.select_for_update(of=("self",))
            .filter(
                pk__in=ids,
                status=Comment.Status.APPROVED,
                reply_notice_sent=False,
                parent__status=Comment.Status.APPROVED,
                parent__notify_replies=True,
            )
            .exclude(parent__email="")
            .select_related("parent", "post")
        )
        Comment.objects.filter(pk__in=[reply.pk for reply in owed]).update(reply_notice_sent=True)
    # Answering yourself is not news.
    return [reply for reply in owed if reply.email.lower() != reply.parent.email.lower()]


def _message(reply, request):
    unsubscribe_url = absolute_url(
        request, reverse("comments:unsubscribe", args=[unsubscribe_token(reply.parent)])
    )
    values = {
        "name": reply.name,
        "title": reply.post.title,
        "blog": settings.BLOG_TITLE,
        "url": absolute_url(request, reply.get_absolute_url()),
        "unsubscribe": unsubscribe_url,
        "body": reply.body,
    }
    subject = _("[%(blog)s] %(name)s replied to your comment on “%(title)s”") % values
    body = (
        _(
            "%(name)s replied to your comment on “%(title)s”:\n\n%(body)s\n\n"
            "Read it and answer: %(url)s\n\n"
            "You get this email because you asked to hear about replies. "
            "To get no more, open: %(unsubscribe)s\n"
        )
        % values
    )
    return mail.EmailMessage(
        subject,
        body,
        to=[reply.parent.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def announce_replies(replies, request):
    """Mail the author of each reply's parent, once, if they asked for it.

    Call it after saving or approving ``replies`` (comments of any kind: the
    others are ignored). Mail goes out once the transaction commits; a mail
    server that fails is logged and changes nothing for the comment.
    """
    messages = [_message(reply, request) for reply in _claim(replies)]
    if not messages:
        return

    def send():
        try:
            with mail.get_connection() as connection:
                connection.send_messages(messages)
        except Exception:  # any transport error: the comments are already safe
            logger.exception("Could not send %d reply notice(s)", len(messages))

    transaction.on_commit(send)
