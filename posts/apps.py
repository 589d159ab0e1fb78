from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    """Posts, tags, revisions, old permalinks, images, rendering, feeds, sitemaps, SEO.

    Public surface for other apps: ``posts.models`` (``Post.objects.published()``
    and friends), ``posts.rendering.render_post``, ``posts.signals`` and the
    ``posts:`` URL names.
    """

    name = "posts"
    verbose_name = _("Blog")
