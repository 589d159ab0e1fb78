from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    """Posts, tags, revisions, series, standalone pages, old permalinks and
    imported posts' original URLs, images, rendering, feeds, sitemaps, SEO.

    Public surface for other apps: ``posts.models`` (``Post.objects.published()``
    and friends, ``Series``, ``Page``, ``OriginalURL`` and ``normal_path``),
    ``posts.rendering.render_post`` (and its
    ``BoundedLinksExtension``, for other Markdown that must take linear time),
    ``posts.reserved.reserved_slugs`` (slugs a page may not take),
    ``posts.slugs.unicode_slug`` (slugs from titles), ``posts.cjk`` (the one
    definition of CJK characters),
    ``posts.signals`` and the ``posts:`` URL names. Reader pages are cached
    whole (``posts.pagecache``), kept exact by ``posts.signals``, taggit's and
    Django's model signals and ``comments.signals.comments_changed``, all
    connected here.
    """

    name = "posts"
    verbose_name = _("Blog")

    def ready(self):
        from posts.pagecache import generation, invalidation

        invalidation.connect()
        # Every deploy runs migrate: pages cached by the previous release name
        # its static files and carry its templates, so they go too, and so do the
        # fragments cached per object (posts.pagecache.fragments).
        post_migrate.connect(
            invalidation.site_changed, sender=self, dispatch_uid="pagecache.post_migrate"
        )
        post_migrate.connect(generation.new_release, sender=self, dispatch_uid="pagecache.release")
