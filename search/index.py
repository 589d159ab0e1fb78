"""Keeping each post's search fields in step with its title, body and tags.

Every post stores ``search_text`` (its body as plain text, code included, no
markup), used for snippets and by the SQLite fallback. On PostgreSQL it also
stores ``search_vector``, a weighted ``tsvector`` behind a GIN index: title
(weight A), tag names (B) and body (C), each prepared by
``search.text.index_text``; and ``search_title_tags``, the same vector
without the body (a few hundred bytes kept in the row, where the 14 KB one is
stored out of line), from which a match's tier is read. Signals (see
``search.signals``) refresh them whenever a post is saved or its tags change;
a deleted post takes its row, and so its index entry, with it.
"""

import re

from django.contrib.postgres.search import SearchVector
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import TextField, Value

from blog.batches import BATCH_SIZE, batched
from posts.rendering import plain_text
from search.text import index_text

# Documents and queries must use the same configuration: English stemming and
# stop words for words, and CJK bigrams pass through it unchanged.
SEARCH_CONFIG = "english"

# Heading permalinks ("#"), footnote references and back links are
# navigation, not words of the post. They hold text only, so "[^<]*" finds
# their end without scanning the rest of the post for every unclosed one.
_NAVIGATION_LINKS = re.compile(
    r'<a\b[^>]*class="(?:anchor|footnote-backref)"[^>]*>[^<]*</a>'
    r'|<sup id="fnref[^>]*><a\b[^>]*>[^<]*</a></sup>'
)


def uses_postgres_search(using=None):
    """Whether full-text search runs in PostgreSQL (else the SQLite fallback)."""
    return connections[using or DEFAULT_DB_ALIAS].vendor == "postgresql"


def _weighted(text, weight):
    return SearchVector(
        Value(index_text(text), output_field=TextField()), config=SEARCH_CONFIG, weight=weight
    )


def title_tags_vector(title, tag_names):
    """The expression that computes a post's ``search_title_tags``."""
    return _weighted(title, "A") + _weighted(" ".join(tag_names), "B")


def search_vector(title, tag_names, body_text):
    """The expression that computes a post's ``search_vector``: the title and
    tags vector followed by the body's, so their lexemes and positions agree."""
    return title_tags_vector(title, tag_names) + _weighted(body_text, "C")


def search_fields(post, tag_names, using=None):
    """Field values to store for ``post`` with the given tag names."""
    body_text = plain_text(_NAVIGATION_LINKS.sub("", post.body_html), skip_code=False)
    fields = {"search_text": body_text}
    if uses_postgres_search(using):
        fields["search_vector"] = search_vector(post.title, tag_names, body_text)
        fields["search_title_tags"] = title_tags_vector(post.title, tag_names)
    return fields


def tag_names_by_post(through_model, post_ids, using=None):
    """``{post id: [tag name, ...]}`` for the given posts, in one query."""
    names = {pk: [] for pk in post_ids}
    rows = (
        through_model.objects.using(using or DEFAULT_DB_ALIAS)
        .filter(content_object_id__in=post_ids)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name")
    )
    for post_id, name in rows:
        names[post_id].append(name)
    return names


def index_post(post, *, has_tags=True, using=None):
    """Store the search fields of one saved ``post`` (its tags read from the database)."""
    tags = tag_names_by_post(type(post).tags.through, [post.pk], using) if has_tags else {}
    fields = search_fields(post, tags.get(post.pk, []), using)
    type(post)._base_manager.using(using or DEFAULT_DB_ALIAS).filter(pk=post.pk).update(**fields)
    post.search_text = fields["search_text"]


def _reindex_batch(manager, through_model, posts, using):
    """Store the search fields of ``posts``: their tags read in one query,
    the fields written in one UPDATE (a query per post made an import of
    thousands wait on as many round trips)."""
    tags = tag_names_by_post(through_model, [post.pk for post in posts], using)
    names = set()
    for post in posts:
        fields = search_fields(post, tags[post.pk], using)
        for name, value in fields.items():
            setattr(post, name, value)
        names.update(fields)
    return manager.bulk_update(posts, sorted(names))


def reindex_posts(post_model, through_model, post_ids=None, using=None):
    """Recompute the search fields of the given posts (all when ``None``); return how many."""
    manager = post_model._base_manager.using(using or DEFAULT_DB_ALIAS)
    posts = manager.only("title", "body_html").order_by("pk")
    if post_ids is not None:
        post_ids = list(post_ids)
        if not post_ids:
            return 0
        posts = posts.filter(pk__in=post_ids)
    return sum(
        _reindex_batch(manager, through_model, batch, using)
        for batch in batched(posts.iterator(chunk_size=BATCH_SIZE))
    )
