"""Refresh a post's search fields whenever what they are built from changes.

Connected in ``PostsConfig.ready``: saving a post, changing its tags, renaming
or deleting a tag. Fixtures loaded with ``raw`` saves are left alone; run
``manage.py reindex_posts`` after loading them.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from taggit.models import Tag

from posts.search.index import index_post, reindex_posts

# Only these fields feed the search fields; saving others needs no reindex.
INDEXED_FIELDS = frozenset({"title", "body", "body_html"})


def _post_models():
    from posts.models import Post, TaggedPost

    return Post, TaggedPost


def post_saved(sender, instance, created, raw, using, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not INDEXED_FIELDS & set(update_fields)):
        return
    if not created and not (instance.has_changed("title") or instance.has_changed("body")):
        # Publishing, scheduling or re-slugging a post leaves its words alone.
        return
    # A post just created has no tags yet: they are added after it has an id.
    index_post(instance, has_tags=not created, using=using)


def post_tags_changed(sender, instance, action, reverse, using, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and not reverse:
        index_post(instance, using=using)


def _tagged_post_ids(tag, using):
    _, tagged_post = _post_models()
    return list(
        tagged_post.objects.using(using).filter(tag=tag).values_list("content_object_id", flat=True)
    )


def tag_saved(sender, instance, created, raw, using, **kwargs):
    if not (raw or created):
        post, tagged_post = _post_models()
        reindex_posts(post, tagged_post, _tagged_post_ids(instance, using), using=using)


def tag_deleting(sender, instance, using, **kwargs):
    instance._search_post_ids = _tagged_post_ids(instance, using)


def tag_deleted(sender, instance, using, **kwargs):
    post_ids = getattr(instance, "_search_post_ids", [])
    post, tagged_post = _post_models()
    reindex_posts(post, tagged_post, post_ids, using=using)


def connect():
    post, tagged_post = _post_models()
    post_save.connect(post_saved, sender=post, dispatch_uid="posts.search.post_saved")
    m2m_changed.connect(
        post_tags_changed, sender=tagged_post, dispatch_uid="posts.search.post_tags_changed"
    )
    post_save.connect(tag_saved, sender=Tag, dispatch_uid="posts.search.tag_saved")
    pre_delete.connect(tag_deleting, sender=Tag, dispatch_uid="posts.search.tag_deleting")
    post_delete.connect(tag_deleted, sender=Tag, dispatch_uid="posts.search.tag_deleted")
