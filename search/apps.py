from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Full-text search over published posts (Chinese and English).

    Reads ``posts.models`` and writes only the posts' search fields; hears of
    changes through ``posts.signals`` and taggit's signals, connected here.
    Public surface: ``search.urls`` (the search page) and the
    ``reindex_posts`` command.
    """

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search import signals

        signals.connect()
