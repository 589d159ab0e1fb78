"""Old permalinks of posts whose slug or publish date changed after publication.

A post's URL is built from its slug and its local publish date. When either
changes, the old pair is recorded here so that links, bookmarks and search
engines following the old URL get a permanent redirect instead of a 404.
"""

from django.db import models
from django.db.models import DEFERRED
from django.db.models.signals import post_save, pre_save
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


def _detect_move(sender, instance, raw=False, **kwargs):
    instance._moved_from = None
    if raw or not instance.pk:
        return
    slug, publish_at = instance.saved_value("slug"), instance.saved_value("publish_at")
    if DEFERRED in (slug, publish_at):
        row = sender.objects.filter(pk=instance.pk).values_list("slug", "publish_at").first()
        if row is None:
            return
        slug, publish_at = row
    before = (slug, timezone.localdate(publish_at))
    if before != instance.url_key:
        instance._moved_from = before


def _record_move(sender, instance, raw=False, **kwargs):
    moved_from = getattr(instance, "_moved_from", None)
    if moved_from is not None:
        # The post's current address is never a redirect, even if it used to
        # be one (a post moved back to where it was).
        slug, date = instance.url_key
        OldPermalink.objects.filter(slug=slug, date=date).delete()
        OldPermalink.objects.update_or_create(
            slug=moved_from[0], date=moved_from[1], defaults={"post": instance}
        )
    instance._moved_from = None


pre_save.connect(_detect_move, sender="posts.Post", dispatch_uid="permalinks_detect")
post_save.connect(_record_move, sender="posts.Post", dispatch_uid="permalinks_record")
