"""Old permalinks of posts whose slug or publish date changed after publication.

A post's URL is built from its slug and its local publish date. When either
changes, the old pair is recorded here so that links, bookmarks and search
engines following the old URL get a permanent redirect instead of a 404.
"""

from django.db import models
from django.db.models.signals import post_init, post_save, pre_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OldPermalink(models.Model):
    post = models.ForeignKey(
        "posts.Post",
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="old_permalinks",
    )
    slug = models.CharField(_("slug"), max_length=200)
    date = models.DateField(_("date"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old permalink")
        verbose_name_plural = _("old permalinks")
        constraints = [
            models.UniqueConstraint(fields=["slug", "date"], name="unique_old_permalink"),
        ]

    def __str__(self):
        return f"{self.date:%Y/%m/%d}/{self.slug}"


def _url_key(post):
    """The (slug, local date) pair a post's URL is made of, or None if not loaded."""
    if "slug" not in post.__dict__ or "publish_at" not in post.__dict__:
        return None
    if post.publish_at is None:
        return None
    return (post.slug, timezone.localdate(post.publish_at))


def _current_url_key(post):
    # Reading the attributes loads deferred fields: needed only on save.
    return (post.slug, timezone.localdate(post.publish_at))


def _remember_url(sender, instance, **kwargs):
    # Kept on the instance so that saving it later costs no extra query.
    instance._saved_url_key = _url_key(instance) if instance.pk else None


def _detect_move(sender, instance, raw=False, **kwargs):
    instance._moved_from = None
    if raw or not instance.pk:
        return
    before = getattr(instance, "_saved_url_key", None)
    if before is None:
        row = sender.objects.filter(pk=instance.pk).values_list("slug", "publish_at").first()
        if row is None:
            return
        before = (row[0], timezone.localdate(row[1]))
    if before != _current_url_key(instance):
        instance._moved_from = before


def _record_move(sender, instance, raw=False, **kwargs):
    now = _current_url_key(instance)
    moved_from = getattr(instance, "_moved_from", None)
    if moved_from is not None:
        # The post's current address is never a redirect, even if it used to
        # be one (a post moved back to where it was).
        OldPermalink.objects.filter(slug=now[0], date=now[1]).delete()
        OldPermalink.objects.update_or_create(
            slug=moved_from[0], date=moved_from[1], defaults={"post": instance}
        )
    instance._moved_from = None
    instance._saved_url_key = now


post_init.connect(_remember_url, sender="posts.Post", dispatch_uid="permalinks_remember")
pre_save.connect(_detect_move, sender="posts.Post", dispatch_uid="permalinks_detect")
post_save.connect(_record_move, sender="posts.Post", dispatch_uid="permalinks_record")
