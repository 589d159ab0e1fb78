"""The steps of saving a post, in one place for ``Post.save`` and ``save_in_bulk``.

``Post.save`` runs them for one post (see its docstring for the order);
``save_in_bulk`` runs the same steps for many posts with a few queries per
batch instead of several per post, for importers. What differs is only how
rows are written and how other apps hear of it: ``save_in_bulk`` returns the
ids whose text changed, and its caller announces them (with whatever else it
wrote, such as tags) through ``posts.signals.posts_changed_in_bulk``.
"""

from django.db import transaction
from django.utils import timezone

from blog.batches import BATCH_SIZE
from posts.models.permalink import OldPermalink
from posts.models.revision import Revision
from posts.rendering import render_many
from posts.slugs import unicode_slug


def url_key(slug, publish_at):
    """A post's URL identity: its slug and its publish date in ``TIME_ZONE``.

    The one definition used by the model, its URL, the importers and the admin.
    """
    return (slug, timezone.localdate(publish_at))


def fill_slug(post):
    """Step 1: a missing slug is made from the title."""
    if not post.slug:
        post.slug = unicode_slug(post.title) or "post"


def needs_rendering(post):
    """Step 2's rule: render unless the stored HTML is known to come from this body."""
    return post._state.adding or post.saved_value("body") != post.body


def stored_before(post):
    """What the database holds of the tracked fields (None for a new post)."""
    return None if post._state.adding else post.stored_values()


def prepare(post):
    """Steps 1 and 2 for one post; return ``stored_before(post)``."""
    fill_slug(post)
    if needs_rendering(post):
        post.render()
    return stored_before(post)


def text_changed(post, before):
    """Whether a save of ``post`` over ``before`` (None: new) writes new text."""
    return before is None or (before["title"], before["body"]) != (post.title, post.body)


def replaced_text(post, before):
    """Step 4: the unsaved ``Revision`` keeping the text a save replaces, or None."""
    if before is None or not text_changed(post, before):
        return None
    return Revision(post=post, title=before["title"], body=before["body"])


def record_move(post, before):
    """Step 5: if the save changed the post's URL key, redirect the old one."""
    if before is not None:
        old_key = url_key(before["slug"], before["publish_at"])
        if old_key != post.url_key:
            OldPermalink.record_move(post, old_key)


def settle(post):
    """Remember the tracked fields as now stored, for the next save."""
    post._loaded = {name: getattr(post, name) for name in post.TRACKED_FIELDS}


# Set once, or written by the search app alone.
_NOT_UPDATED = {"created_at", "search_text", "search_vector", "search_title_tags"}


def save_in_bulk(posts, processes=1):
    """Save ``posts`` (new ones, and ones loaded with every field) as ``Post.save`` would,
    in batches inside one transaction; return the ids of those whose text
    changed or that are new. No ``post_save`` or ``post_text_changed`` is
    sent: the caller sends ``posts_changed_in_bulk``. Bodies are rendered
    on up to ``processes`` processes (``posts.rendering.render_many``)."""
    if not posts:
        return []
    model = type(posts[0])
    for post in posts:
        fill_slug(post)
    todo = [post for post in posts if needs_rendering(post)]
    renderings = render_many([post.body for post in todo], processes)
    for post, rendered in zip(todo, renderings, strict=True):
        post.use_rendering(rendered)
    befores = [stored_before(post) for post in posts]
    new = [post for post, before in zip(posts, befores, strict=True) if before is None]
    old = [post for post, before in zip(posts, befores, strict=True) if before is not None]
    now = timezone.now()
    for post in old:
        # bulk_update, unlike save, leaves auto_now fields alone.
        post.updated_at = now
    fields = [
        field.name
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in _NOT_UPDATED
    ]
    with transaction.atomic():
        model.objects.bulk_create(new, batch_size=BATCH_SIZE)
        model.objects.bulk_update(old, fields, batch_size=BATCH_SIZE)
        pairs = list(zip(posts, befores, strict=True))
        revisions = [replaced_text(post, before) for post, before in pairs]
        Revision.objects.bulk_create([one for one in revisions if one], batch_size=BATCH_SIZE)
        for post, before in pairs:
            record_move(post, before)
    for post in posts:
        settle(post)
    return [
        post.pk for post, before in zip(posts, befores, strict=True) if text_changed(post, before)
    ]
