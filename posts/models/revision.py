"""Revisions: the title and body a post had before a save replaced them.

``Post.save`` writes one whenever a save changes the title or body (from the
admin, an importer or the shell), so any earlier text can be compared and
brought back. Saves that leave both alone (publishing, tagging) add nothing.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Revision(models.Model):
    post = models.ForeignKey(
        "posts.Post", verbose_name=_("post"), on_delete=models.CASCADE, related_name="revisions"
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
