"""Refresh posts' search fields whenever what they are built from changes.

Connected in ``SearchConfig.ready``: a post's title or body saved
(``posts.signals.post_text_changed``), posts changed in bulk
(``posts.signals.posts_changed_in_bulk``), a post's tags changed, a tag renamed
or deleted. Fixtures loaded with ``raw`` saves send none of these; run
``manage.py reindex_posts`` after loading them.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from taggit.models import Tag

from posts.models import Post, TaggedPost
from posts.signals import post_text_changed, posts_changed_in_bulk
from search.index import index_post, reindex_posts


def text_changed(sender, post, created, using, **kwargs):
    # A post just created has no tags yet: they are added after it has an id.
    index_post(post, has_tags=not created, using=using)


def changed_in_bulk(sender, post_ids, using=None, **kwargs):
    reindex_posts(Post, TaggedPost, post_ids, using=using)


def post_tags_changed(sender, instance, action, reverse, using, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and not reverse:
        index_post(instance, using=using)


def _tagged_post_ids(tag, using):
    return list(
        TaggedPost.objects.using(using).filter(tag=tag).values_list("content_object_id", flat=True)
    )


def tag_saved(sender, instance, created, raw, using, **kwargs):
    if not (raw or created):
        reindex_posts(Post, TaggedPost, _tagged_post_ids(instance, using), using=using)


def tag_deleting(sender, instance, using, **kwargs):
    instance._search_post_ids = _tagged_post_ids(instance, using)


def tag_deleted(sender, instance, using, **kwargs):
    post_ids = getattr(instance, "_search_post_ids", [])
    reindex_posts(Post, TaggedPost, post_ids, using=using)


def connect():
    post_text_changed.connect(text_changed, sender=Post, dispatch_uid="search.text_changed")
    posts_changed_in_bulk.connect(
        changed_in_bulk, sender=Post, dispatch_uid="search.changed_in_bulk"
    )
    m2m_changed.connect(
        post_tags_changed, sender=TaggedPost, dispatch_uid="search.post_tags_changed"
    )
    post_save.connect(tag_saved, sender=Tag, dispatch_uid="search.tag_saved")
    pre_delete.connect(tag_deleting, sender=Tag, dispatch_uid="search.tag_deleting")
    post_delete.connect(tag_deleted, sender=Tag, dispatch_uid="search.tag_deleted")
