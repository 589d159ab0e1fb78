"""Old permalinks of posts whose slug or publish date changed after publication.

A post's URL is built from its URL key, the (slug, local publish date) pair.
When a save changes it, ``Post.save`` records the old pair here so that links,
bookmarks and search engines following the old URL get a permanent redirect
instead of a 404.
"""

from django.db import models
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

    @classmethod
    def record_move(cls, post, old_key):
        """Make ``old_key`` (slug, date) redirect to ``post`` at its current URL key.

        The post's current address is never a redirect, even if it used to be
        one (a post moved back to where it was).
        """
        slug, day = post.url_key
        cls.objects.filter(slug=slug, date=day).delete()
        cls.objects.update_or_create(slug=old_key[0], date=old_key[1], defaults={"post": post})
