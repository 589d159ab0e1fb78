"""Import a Disqus export into the blog's own comments.

A thread is placed on the post whose current address, or an old address
recorded by an import (``posts.models.OriginalURL``, WordPress's ``?p=N``
among them), is the path of the thread's link: any host, with or without
the trailing slash or ``index.html``, percent-encoded or not. A thread
found by none of them goes to the one post with its title (a trailing
" - Site name" or " | Site name" may differ) and is reported. The
same comment found in two threads of one post is imported once. Disqus
threads replies to any depth; the blog shows one level, so every reply hangs
under the top comment of its conversation, in date order. Deleted and spam
comments are skipped. Comments keep their Disqus id, so importing the same
file again changes nothing.
"""

import ipaddress
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comments.models import Comment
from importers.comment_rows import imported_comments, same_comment
from importers.disqus_export import read_export
from importers.html_text import html_to_text
from importers.report import OUTCOMES, Report
from posts.models import OriginalURL, Post, normal_path

_MAX_DEPTH = 100


def _titles(title):
    """A thread's title and the same without a trailing site name."""
    title = " ".join(title.split())
    yield title
    for separator in (" | ", " - ", " – ", " — "):
        if separator in title:
            yield title.rsplit(separator, 1)[0]


class _PostFinder:
    """Every post by its current and recorded addresses and by its title (two queries)."""

    def __init__(self):
        self.by_path, self.by_title, by_id = {}, defaultdict(list), {}
        for post in Post.objects.only("pk", "slug", "publish_at", "title"):
            by_id[post.pk] = post
            self.by_path[normal_path(post.get_absolute_url())] = post
            self.by_title[" ".join(post.title.split())].append(post)
        rows = OriginalURL.objects.filter(post__isnull=False).values_list("path", "post_id")
        for path, post_id in rows:
            self.by_path.setdefault(path, by_id.get(post_id))

    def find(self, thread):
        """The post of a thread and whether it was found by title only."""
        path = normal_path(thread.link)
        post = self.by_path.get(path) if path else None
        if post is not None:
            return post, False
        for title in _titles(thread.title):
            candidates = self.by_title.get(title, [])
            if len(candidates) == 1:
                return candidates[0], True
        return None, False


def _fields(comment, post):
    email = comment.email
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    try:
        ip_address = str(ipaddress.ip_address(comment.ip_address))
    except ValueError:
        ip_address = None
    return {
        "post": post,
        "name": (comment.name or _("Anonymous"))[:80],
        "email": email[:254],
        "body": html_to_text(comment.message),
        "created_at": comment.created_at,
        "ip_address": ip_address,
    }


def import_disqus(data, *, name="disqus.xml", dry_run=False):
    """Import a Disqus export given as bytes; return the :class:`Report`."""
    report = Report(_("Comments"), dry_run=dry_run, items_label=_("Threads"))
    try:
        threads, comments = read_export(data)
    except ValueError as exc:
        report.skip(name, exc)
        return report
    posts = _match_threads(threads, report)
    kept, same_as = _select(comments, threads, posts, report)
    parents = _flattened_parents(comments, kept, same_as)
    with transaction.atomic():
        outcomes = _save(kept, parents, report, dry_run)
        if dry_run:
            transaction.set_rollback(True)
    _record_threads(threads, kept, outcomes, report)
    return report


def _record_threads(threads, kept, outcomes, report):
    """One line per thread with comments placed: on which post, and what became of them."""
    by_thread = defaultdict(lambda: defaultdict(int))
    post_of = {}
    for comment, fields in kept:
        by_thread[comment.thread_id][outcomes[comment.id]] += 1
        post_of[comment.thread_id] = fields["post"]
    for thread_id, counts in by_thread.items():
        thread = threads.get(thread_id)
        what = ", ".join(
            f"{counts[key]} {label}" for key, label in OUTCOMES.items() if counts.get(key)
        )
        report.record(
            thread.link if thread else thread_id,
            _("placed on %(url)s: %(comments)s")
            % {"url": post_of[thread_id].get_absolute_url(), "comments": what},
        )


def _match_threads(threads, report):
    """The post of each thread id (None when no post has its address)."""
    finder = _PostFinder()
    posts = {}
    for thread in threads.values():
        post, by_title = finder.find(thread)
        posts[thread.id] = post
        if by_title:
            report.warn(
                thread.link, _("matched by its title to %(url)s") % {"url": post.get_absolute_url()}
            )
    return posts


def _select(comments, threads, posts, report):
    """The comments to import with their fields, and which duplicates stand for which."""
    kept, same_as, seen, unmatched = [], {}, {}, defaultdict(int)
    for comment in comments:
        if comment.is_deleted:
            report.add("deleted")
        elif comment.is_spam:
            report.add("spam")
        elif comment.created_at is None:
            report.skip(comment.source_id, _("no valid date"))
        elif posts.get(comment.thread_id) is None:
            report.add("unmatched")
            thread = threads.get(comment.thread_id)
            unmatched[thread.link if thread else comment.thread_id or "?"] += 1
        else:
            fields = _fields(comment, posts[comment.thread_id])
            # The same words by the same person at the same time, on another
            # thread of the same post (or listed twice), are one comment.
            key = (fields["post"].pk, fields["name"], fields["created_at"], fields["body"])
            original = seen.get(key) or seen.get(comment.id)
            if original is not None:
                report.add("duplicates")
                same_as[comment.id] = original.id
                continue
            seen[key] = seen[comment.id] = comment
            kept.append((comment, fields))
    for link, count in unmatched.items():
        message = ngettext(
            "no post at this address (%(count)d comment)",
            "no post at this address (%(count)d comments)",
            count,
        )
        report.record(link, _("not placed: %(reason)s") % {"reason": message % {"count": count}})
    return kept, same_as


def _flattened_parents(comments, kept, same_as):
    """Map each kept comment's id to the id of its blog parent, or None.

    The blog parent is the oldest kept ancestor on the same post: replies of
    any depth become replies to the top of their conversation.
    """
    by_id = {comment.id: comment for comment in comments}
    kept_posts = {comment.id: fields["post"].pk for comment, fields in kept}
    parents = {}
    for comment, fields in kept:
        top, current, seen = None, comment, {comment.id}
        for _depth in range(_MAX_DEPTH):
            parent_id = same_as.get(current.parent_id, current.parent_id)
            if not parent_id or parent_id in seen or parent_id not in by_id:
                break
            seen.add(parent_id)
            if kept_posts.get(parent_id) == fields["post"].pk:
                top = parent_id
            current = by_id[parent_id]
        parents[comment.id] = top
    return parents


def _save(kept, parents, report, dry_run):
    """Save (or in a dry run, only count) ``kept``; return each comment's outcome."""
    existing = imported_comments(comment.source_id for comment, _fields in kept)
    saved, outcomes = {}, {}
    # Top comments first, so that every reply finds its parent saved.
    ordered = sorted(
        kept, key=lambda item: (parents[item[0].id] is not None, item[1]["created_at"])
    )
    for comment, fields in ordered:
        parent_id = parents[comment.id]
        fields["parent"] = saved.get(parent_id) if parent_id else None
        if parent_id:
            report.add("replies")
        instance = existing.get(comment.source_id)
        if instance is None:
            instance = Comment(source_id=comment.source_id, status=Comment.Status.APPROVED)
            outcomes[comment.id] = "created"
        elif same_comment(instance, fields):
            outcomes[comment.id] = "unchanged"
        else:
            # A moderator's later decision (spam, removed) is kept.
            outcomes[comment.id] = "updated"
        report.add(outcomes[comment.id])
        if outcomes[comment.id] == "unchanged":
            saved[comment.id] = instance
            continue
        for key, value in fields.items():
            setattr(instance, key, value)
        if not dry_run:
            instance.save()
        saved[comment.id] = instance
    return outcomes
