"""The posts app's models. Other apps import them from here:

- ``Post`` (with ``Post.objects.published()``, the one publishing rule) and
  ``TaggedPost``, the through table of its taggit tags;
- ``Revision``: earlier titles and bodies of a post;
- ``OldPermalink``: earlier URLs of a post, answered with a redirect;
- ``OriginalURL`` and ``normal_path()``: addresses a post had on the blog it
  was imported from, answered with a redirect when nothing else answers;
- ``Image``: uploaded images;
- ``Series``: named, ordered groups of posts (``Post.series``);
- ``Page``: standalone pages at ``/<slug>/``;
- ``published_tags()``: tags with counts of published posts;
- ``published_filter()``: the publishing rule as a ``Q``, for related lookups;
- ``url_key(slug, publish_at)``: the one definition of a post's URL identity;
- ``save_in_bulk(posts)``: ``Post.save``'s steps for many posts at once (importers).
"""

from posts.models.image import Image
from posts.models.original_url import OriginalURL, normal_path
from posts.models.page import Page
from posts.models.permalink import OldPermalink
from posts.models.post import (
    Post,
    PostQuerySet,
    published_filter,
    published_tags,
    url_key,
)
from posts.models.revision import Revision
from posts.models.saving import save_in_bulk
from posts.models.series import SERIES_ORDER, Series
from posts.models.tagging import TaggedPost

__all__ = [
    "Image",
    "OldPermalink",
    "OriginalURL",
    "Page",
    "Post",
    "PostQuerySet",
    "Revision",
    "SERIES_ORDER",
    "Series",
    "TaggedPost",
    "normal_path",
    "published_filter",
    "published_tags",
    "save_in_bulk",
    "url_key",
]
