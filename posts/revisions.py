"""Revisions: the title and body a post had before each save replaced them.

A revision is written whenever a save changes a post's title or body (from the
admin, an importer or the shell), so any earlier text can be compared and
brought back. Saves that leave both alone (publishing, tagging) add nothing.
"""

import difflib

from django.db import models
from django.db.models import DEFERRED
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from posts.models import Post


class Revision(models.Model):
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    # When this text was replaced by a newer one.
    created_at = models.DateTimeField(_("replaced at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.title} ({self.created_at:%Y-%m-%d %H:%M})"

    def restore(self):
        """Put this revision's title and body back on the post and save it.

        The text being replaced becomes a revision itself, so a restore can be undone.
        """
        post = self.post
        post.title, post.body = self.title, self.body
        post.save()
        return post


@receiver(pre_save, sender=Post, dispatch_uid="posts_revision_remember")
def _remember_previous_text(sender, instance, raw=False, **kwargs):
    instance._previous_text = None
    if raw or instance.pk is None:
        return
    previous = (instance.saved_value("title"), instance.saved_value("body"))
    if DEFERRED in previous:
        previous = Post.objects.filter(pk=instance.pk).values_list("title", "body").first()
    if previous is not None and previous != (instance.title, instance.body):
        instance._previous_text = previous


@receiver(post_save, sender=Post, dispatch_uid="posts_revision_store")
def _store_previous_text(sender, instance, created, raw=False, **kwargs):
    previous = getattr(instance, "_previous_text", None)
    if previous is not None:
        Revision.objects.create(post=instance, title=previous[0], body=previous[1])
        instance._previous_text = None


def diff_lines(old, new, context=3):
    """Line diff from ``old`` to ``new`` as ``(kind, text)`` pairs.

    ``kind`` is "hunk" for a position header, "add", "remove" or "same".
    """
    lines = difflib.unified_diff(
        (old or "").splitlines(), (new or "").splitlines(), lineterm="", n=context
    )
    kinds = {"+": "add", "-": "remove", " ": "same"}
    result = []
    # The first two lines name the "files"; there are none when nothing changed.
    for line in list(lines)[2:]:
        if line.startswith("@@"):
            result.append(("hunk", line))
        else:
            result.append((kinds.get(line[:1], "same"), line[1:]))
    return result


def history(post):
    """The post's revisions, newest first, each with ``changes``: the diff of its
    title and body to the version that replaced it."""
    revisions = list(post.revisions.all())
    newer = [post, *revisions]
    for revision, replacement in zip(revisions, newer, strict=False):
        revision.new_title = replacement.title if replacement.title != revision.title else None
        revision.changes = diff_lines(revision.body, replacement.body)
    return revisions
