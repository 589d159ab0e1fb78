"""WordPress comments of imported posts, with their threads.

Approved comments (``1``) stay approved and held ones (``0``) pending; spam
and trash are skipped. Pingbacks and trackbacks are skipped too: they are
notices of links from other sites, not words of readers, and the blog has
nowhere to show them. WordPress threads replies to any depth; the blog
shows one level, so every reply hangs under the top comment of its
conversation. Comments keep their WordPress id (``wordpress:<id>``), so a
second import updates them; a moderator's later decision is kept. New
comments are written in bulk, top comments first, then replies.
"""

import ipaddress

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from comments.models import Comment
from comments.rendering import render_comment
from comments.signals import comments_changed
from importers.comment_rows import imported_comments, same_comment
from importers.html_text import html_to_text
from importers.wordpress_items import parse_moment

STATUSES = {"1": Comment.Status.APPROVED, "0": Comment.Status.PENDING}
SKIPPED = {"spam": "spam", "trash": "deleted", "post-trashed": "deleted"}
_MAX_DEPTH = 100
_URL = URLValidator(schemes=["http", "https"])


def _valid(validator, value, limit):
    try:
        validator(value)
    except ValidationError:
        return ""
    return value if len(value) <= limit else ""


def _address(text):
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _fields(comment, post):
    return {
        "post": post,
        "name": (" ".join(comment.author.split()) or _("Anonymous"))[:80],
        "email": _valid(validate_email, comment.email, 254),
        "website": _valid(_URL, comment.url, 300),
        "body": html_to_text(comment.content),
        "created_at": parse_moment(comment.date_gmt, comment.date),
        "ip_address": _address(comment.ip_address),
    }


def _kept(parsed, posts, report):
    """``{comment id: (comment, fields, status)}`` of the comments to import."""
    kept = {}
    for item in parsed:
        for comment in item.comments:
            if comment.type in ("pingback", "trackback"):
                report.add("pingbacks")
            elif comment.approved in SKIPPED:
                report.add(SKIPPED[comment.approved])
            elif comment.approved not in STATUSES or not comment.id.isdigit():
                report.skip(f"{item.title} #{comment.id}", _("not a comment WordPress shows"))
            else:
                fields = _fields(comment, posts[item.wordpress_id])
                if fields["created_at"] is None:
                    report.skip(f"{item.title} #{comment.id}", _("no valid date"))
                    continue
                kept[comment.id] = (comment, fields, STATUSES[comment.approved])
    return kept


def _top_of(comment_id, kept):
    """The oldest kept ancestor of a comment, or None for a top comment."""
    top, current, seen = None, kept[comment_id][0], {comment_id}
    for _depth in range(_MAX_DEPTH):
        parent_id = current.parent_id
        if parent_id in seen or parent_id not in kept:
            break
        seen.add(parent_id)
        top, current = parent_id, kept[parent_id][0]
    return top


def save_comments(parsed, posts, report, dry_run):
    """Import the comments of ``parsed`` items onto their saved ``posts``."""
    kept = _kept(parsed, posts, report)
    tops = {comment_id: _top_of(comment_id, kept) for comment_id in kept}
    existing = imported_comments(f"wordpress:{comment_id}" for comment_id in kept)
    saved = {}
    # Top comments first, so that every reply finds its parent's row.
    for replies in (False, True):
        new = []
        for comment_id, (_comment, fields, status) in kept.items():
            if (tops[comment_id] is not None) != replies:
                continue
            if replies:
                report.add("replies")
            fields = {**fields, "parent": saved.get(tops[comment_id])}
            instance = existing.get(f"wordpress:{comment_id}")
            if instance is None:
                instance = Comment(source_id=f"wordpress:{comment_id}", status=status, **fields)
                instance.body_html = render_comment(instance.body)
                new.append(instance)
                report.add("comments")
            elif same_comment(instance, fields):
                report.add("comments_unchanged")
            else:
                report.add("comments_updated")
                for key, value in fields.items():
                    setattr(instance, key, value)
                if not dry_run:
                    instance.save()
            saved[comment_id] = instance
        if not dry_run:
            Comment.objects.bulk_create(new, batch_size=500)
            # Rows made in bulk send no save signal: say which posts readers
            # now see more comments on (cached pages are replaced).
            shown = {
                comment.post_id for comment in new if comment.status == Comment.Status.APPROVED
            }
            if shown:
                comments_changed.send(sender=Comment, post_ids=sorted(shown))
