from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportersConfig(AppConfig):
    """Moving a blog in and out; no models of its own.

    Writes through ``posts.models`` (old addresses as ``OriginalURL``) and
    ``comments.models`` and announces bulk writes with
    ``posts.signals.posts_changed_in_bulk``. Public surface: the
    ``import_jekyll``, ``import_wordpress``, ``import_disqus`` and
    ``export_jekyll`` commands and ``importers.admin_views.urls``, the upload
    pages the admin site mounts.
    """

    name = "importers"
    verbose_name = _("Import and export")
