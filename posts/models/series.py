"""Series: named, ordered groups of posts ("K8s之核心概念", "K8s之Pod", …).

A post belongs to at most one series (``Post.series``). Within a series,
posts the author numbered (``Post.series_order``) come first by number, the
others after them by publish date: with no numbers at all a series reads in
the order it was written.
"""

from django.db import models
from django.db.models import Count, F, Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from posts.models.post import published_filter
from posts.slugs import unicode_slug

# The reading order of a series' posts; ties broken as everywhere else.
SERIES_ORDER = (F("series_order").asc(nulls_last=True), "publish_at", "id")


class SeriesQuerySet(models.QuerySet):
    def with_published_parts(self):
        """Series with at least one published post, annotated with ``num_posts``
        (published posts only) and ``latest`` (the newest one's publish time),
        most recently continued first."""
        published = published_filter("posts__")
        return (
            self.annotate(
                num_posts=Count("posts", filter=published),
                latest=Max("posts__publish_at", filter=published),
            )
            .filter(num_posts__gt=0)
            .order_by("-latest", "title")
        )


class Series(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=_("Part of the address /series/…/. Lower-case letters, digits, Chinese."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Optional; shown on the series' page.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unicode_slug(self.title) or "series"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("posts:series", kwargs={"slug": self.slug})

    def parts(self, visible):
        """The posts of ``visible`` (a Post queryset) in this series, in reading order."""
        return visible.filter(series=self).order_by(*SERIES_ORDER)
