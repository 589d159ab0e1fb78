"""Standalone pages (About, 友情链接, …) at ``/<slug>/``, listed in the navigation.

Written in Markdown and rendered once on save by the posts' renderer. Pages
are not posts: they never appear in feeds, lists or search. Their slugs may
not take the first segment of any of the blog's own URLs; the admin form
refuses such slugs (``posts.reserved.reserved_slugs``).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from posts.rendering import render_post
from posts.slugs import unicode_slug


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Page.Status.PUBLISHED)

    def in_navigation(self):
        """Published pages the author put in the navigation, in the author's order."""
        return (
            self.published()
            .filter(show_in_navigation=True)
            .only("title", "slug")
            .order_by("navigation_order", "title", "id")
        )


class Page(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    body = models.TextField(_("body"), help_text=_("Markdown, as in posts."))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    show_in_navigation = models.BooleanField(_("show in the navigation"), default=True)
    navigation_order = models.PositiveIntegerField(
        _("position in the navigation"), default=0, help_text=_("Smaller numbers come first.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Rendered from body on save; never edited by hand.
    body_html = models.TextField(editable=False, default="")

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["navigation_order", "title", "id"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unicode_slug(self.title) or "page"
        self.render()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("posts:page", kwargs={"slug": self.slug})

    def render(self):
        """Render the Markdown body into ``body_html``."""
        self.body_html = render_post(self.body).html

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED
