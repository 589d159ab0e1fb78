from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.rendering import render_comment


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    post = models.ForeignKey(
        "posts.Post", verbose_name=_("post"), on_delete=models.CASCADE, related_name="comments"
    )
    # Replies are one level deep: a reply's parent is always a top-level comment.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("email"), blank=True, help_text=_("Never shown."))
    website = models.URLField(_("website"), blank=True, max_length=300)
    body = models.TextField(_("comment"))
    body_html = models.TextField(editable=False, default="")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    # Identifies a comment brought in by an importer (e.g. "disqus:12345"),
    # so that importing the same file again updates instead of duplicating.
    source_id = models.CharField(_("source id"), max_length=100, blank=True, db_index=True)
    # The commenter asked to be mailed when a reply to this comment is approved.
    notify_replies = models.BooleanField(_("email me when someone replies"), default=False)
    # Set on a reply once its parent's author has been told (or would have
    # been): a reply is announced at most once, however often it is approved.
    reply_notice_sent = models.BooleanField(_("reply notice sent"), default=False, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        # The table was created when comments were part of the posts app.
        db_table = "posts_comment"
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["post", "status", "created_at"], name="comment_post_status")
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:50]}"

    def save(self, *args, **kwargs):
        self.body_html = render_comment(self.body)
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    def get_absolute_url(self):
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        comment = super().from_db(db, field_names, values)
        comment._loaded_status = dict(zip(field_names, values, strict=True)).get("status")
        return comment

    @property
    def is_visible(self):
        """Readers see this comment (approved)."""
        return self.status == self.Status.APPROVED

    @property
    def was_visible(self):
        """Readers saw this comment as it was loaded or last saved."""
        return getattr(self, "_loaded_status", None) == self.Status.APPROVED
