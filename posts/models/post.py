from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import DEFERRED, Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag

from comments.models import Comment
from posts.models.saving import (
    prepare,
    record_move,
    replaced_text,
    settle,
    text_changed,
    url_key,
)
from posts.models.tagging import TaggedPost
from posts.rendering import render_post
from posts.signals import post_text_changed


def published_filter(prefix=""):
    """The publishing rule as a ``Q``, for posts reached through ``prefix``
    (``"posts__"`` from a series): published, publish time already past."""
    return Q(
        **{f"{prefix}status": Post.Status.PUBLISHED, f"{prefix}publish_at__lte": timezone.now()}
    )


class PostQuerySet(models.QuerySet):
    def published(self):
        """Posts a reader may see: published, with a publish time already past.

        Scheduled posts need no cron: they pass this filter once their time comes.
        """
        return self.filter(published_filter())

    def scheduled(self):
        """Posts marked published whose publish time is still to come."""
        return self.filter(status=Post.Status.PUBLISHED, publish_at__gt=timezone.now())

    def with_comment_counts(self, **counts):
        """Annotate comment counts in the same query: ``num_comments`` (approved
        comments, what readers see) unless ``name=status`` pairs say otherwise.

        Correlated subqueries rather than a join with GROUP BY, so that a page
        of ten posts counts the comments of those ten only.
        """
        counts = counts or {"num_comments": Comment.Status.APPROVED}
        return self.annotate(
            **{
                name: Coalesce(
                    Subquery(
                        Comment.objects.filter(post=OuterRef("pk"), status=status)
                        .order_by()
                        .values("post")
                        .annotate(count=Count("pk"))
                        .values("count")
                    ),
                    0,
                )
                for name, status in counts.items()
            }
        )

    # The bound on publish_at, implied by the OR, lets PostgreSQL walk its
    # index from the post instead of filtering every post (5 ms at 10,000).
    def older_than(self, post):
        """Posts before ``post`` in the blog's order, nearest first (ties broken by id)."""
        earlier = Q(publish_at__lt=post.publish_at) | Q(publish_at=post.publish_at, pk__lt=post.pk)
        nearer = self.filter(earlier, publish_at__lte=post.publish_at)
        return nearer.only("title", "slug", "publish_at").order_by("-publish_at", "-id")

    def newer_than(self, post):
        """Posts after ``post`` in the blog's order, nearest first (ties broken by id)."""
        later = Q(publish_at__gt=post.publish_at) | Q(publish_at=post.publish_at, pk__gt=post.pk)
        nearer = self.filter(later, publish_at__gte=post.publish_at)
        return nearer.only("title", "slug", "publish_at").order_by("publish_at", "id")

    def related_to(self, post, tag_ids, limit=5):
        """Up to ``limit`` posts sharing most of ``tag_ids`` (``post``'s tags) with
        ``post``, newest first among equals."""
        if not tag_ids:
            return []
        return list(
            self.exclude(pk=post.pk)
            .filter(tags__in=tag_ids)
            .annotate(shared_tags=Count("tags"))
            .only("title", "slug", "publish_at")
            .order_by("-shared_tags", "-publish_at", "-id")[:limit]
        )

    def without_sources(self):
        """Without what no page shows: the Markdown source and the search fields
        (the body's text and its vector are as long as the post)."""
        return self.defer("body", "search_text", "search_vector", "search_title_tags")

    def for_listing(self):
        """What a list of posts shows, newest first: no full body, comment counts.
        (Lists show no tags: loading them cost a query and taggit's per-post setup.)"""
        return (
            self.without_sources()
            .defer("body_html", "toc_html")
            .with_comment_counts()
            .order_by("-publish_at", "-id")
        )


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    # Not a SlugField: slugs imported from Octopress keep whatever the file
    # name had (upper case, dots, colons); the admin form enforces lower-case
    # Unicode slugs for posts written here.
    slug = models.CharField(_("slug"), max_length=200, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
    )
    # The admin shows help text as HTML, hence the entities.
    body = models.TextField(
        _("body"),
        help_text=_("Markdown. A line &lt;!-- more --&gt; ends the excerpt shown on the index."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Optional; used in feeds and meta descriptions.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(_("publish time"), default=timezone.now, db_index=True)
    comments_open = models.BooleanField(_("comments open"), default=True)
    tags = TaggableManager(_("tags"), through=TaggedPost, blank=True)
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Shown first on the blog's front page.")
    )
    series = models.ForeignKey(
        "posts.Series",
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
    )
    series_order = models.PositiveIntegerField(
        _("number in the series"),
        null=True,
        blank=True,
        help_text=_("Empty: after the numbered parts, by publish date."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Rendered from body on save; never edited by hand.
    body_html = models.TextField(editable=False, default="")
    excerpt_html = models.TextField(editable=False, default="")
    toc_html = models.TextField(editable=False, default="")
    reading_minutes = models.PositiveIntegerField(editable=False, default=1)
    # Search fields: declared here so that search needs no join; written only
    # by the search app (search.index), which hears of changes through posts.signals.
    search_text = models.TextField(editable=False, default="")
    search_vector = SearchVectorField(editable=False, null=True)
    # Title (weight A) and tag names (B) only: small enough to stay in the row,
    # so telling a title or tag match from a body match never reads the big
    # vector above.
    search_title_tags = SearchVectorField(editable=False, null=True)

    objects = PostQuerySet.as_manager()

    # What the database held when this post was loaded (or last saved), so
    # that a save can tell what it changes without asking the database again.
    TRACKED_FIELDS = ("title", "body", "slug", "publish_at")

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            models.Index(fields=["status", "publish_at"], name="post_status_publish"),
            # The front page looks for the few pinned posts among thousands.
            models.Index(fields=["publish_at"], condition=Q(pinned=True), name="post_pinned"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Save the post and everything a save implies, in this order
        (each step in ``posts.models.saving``, shared with ``save_in_bulk``):

        1. a missing slug is made from the title;
        2. the Markdown body is rendered into the stored HTML, unless the body
           is known to be the one that HTML was rendered from;
        3. the row is written;
        4. if the title or body changed, the replaced text becomes a ``Revision``;
        5. if the URL key (slug, local date) changed, the old one becomes an
           ``OldPermalink`` that redirects here;
        6. if the post is new or its title or body changed,
           ``posts.signals.post_text_changed`` tells other apps (search).
        """
        created = self._state.adding
        before = prepare(self)
        super().save(*args, **kwargs)
        revision = replaced_text(self, before)
        if revision is not None:
            revision.save()
        record_move(self, before)
        settle(self)
        if text_changed(self, before):
            post_text_changed.send(
                sender=Post, post=self, created=created, using=kwargs.get("using") or self._state.db
            )

    def get_absolute_url(self):
        # Pages ask a post for its URL several times; reverse() is not free.
        known = getattr(self, "_url", None)
        if known is None or known[0] != (self.slug, self.publish_at):
            day = self.publish_date
            kwargs = {"year": day.year, "month": day.month, "day": day.day, "slug": self.slug}
            known = self._url = (
                (self.slug, self.publish_at),
                reverse("posts:detail", kwargs=kwargs),
            )
        return known[1]

    @classmethod
    def from_db(cls, db, field_names, values):
        post = super().from_db(db, field_names, values)
        post._loaded = {
            name: value
            for name, value in zip(field_names, values, strict=True)
            if name in cls.TRACKED_FIELDS and value is not DEFERRED
        }
        return post

    def saved_value(self, name):
        """The value of tracked field ``name`` when loaded or last saved, or DEFERRED if unknown."""
        return getattr(self, "_loaded", {}).get(name, DEFERRED)

    def stored_values(self):
        """The tracked fields as the database holds them, asking it only for
        those not known since loading; None if the row is not there."""
        known = {name: self.saved_value(name) for name in self.TRACKED_FIELDS}
        missing = [name for name, value in known.items() if value is DEFERRED]
        if missing:
            row = type(self)._base_manager.filter(pk=self.pk).values(*missing).first()
            if row is None:
                return None
            known.update(row)
        return known

    def render(self):
        """Render the Markdown body into the stored HTML fields."""
        self.use_rendering(render_post(self.body))

    def use_rendering(self, rendered):
        """Store a ``RenderedPost`` of this post's body in the HTML fields."""
        self.body_html = rendered.html
        self.excerpt_html = rendered.excerpt_html
        self.toc_html = rendered.toc_html
        self.reading_minutes = rendered.reading_minutes

    @property
    def publish_date(self):
        return timezone.localdate(self.publish_at)

    @property
    def url_key(self):
        """The (slug, local publish date) pair that makes a post's URL unique."""
        return url_key(self.slug, self.publish_at)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_published


def published_tags():
    """Tags on at least one published post, with ``num_posts`` counting only those."""
    return Tag.objects.filter(tagged_posts__content_object__in=Post.objects.published()).annotate(
        num_posts=Count("tagged_posts")
    )
