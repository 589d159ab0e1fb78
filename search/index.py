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

from django.contrib.postgres.search import SearchVectorField
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.expressions import RawSQL

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


_FIELDS = ("search_text", "search_vector", "search_title_tags")


def _weighted(weight):
    # One parameter: text already prepared by index_text. What Django's
    # SearchVector(text, config=..., weight=...) wrote before, so the stored
    # vectors are unchanged.
    return f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, %s::text), '{weight}')"


# The vectors as SQL, the one definition every write uses. Parameters: the
# prepared title (weight A) and tag names (B), then the body (C), which
# follows them so that the lexemes and positions of both vectors agree.
TITLE_TAGS_SQL = f"{_weighted('A')} || {_weighted('B')}"
VECTOR_SQL = f"{TITLE_TAGS_SQL} || {_weighted('C')}"


def uses_postgres_search(using=None):
    """Whether full-text search runs in PostgreSQL (else the SQLite fallback)."""
    return connections[using or DEFAULT_DB_ALIAS].vendor == "postgresql"


def _title_tags_params(title, tag_names):
    return [index_text(title), index_text(" ".join(tag_names))]


def title_tags_vector(title, tag_names):
    """The expression that computes a post's ``search_title_tags``."""
    params = _title_tags_params(title, tag_names)
    return RawSQL(TITLE_TAGS_SQL, params, output_field=SearchVectorField())


def search_vector(title, tag_names, body_text):
    """The expression that computes a post's ``search_vector``."""
    params = [*_title_tags_params(title, tag_names), index_text(body_text)]
    return RawSQL(VECTOR_SQL, params, output_field=SearchVectorField())


def body_text(body_html):
    """A post's ``search_text``: its body as plain text, code included, no navigation."""
    return plain_text(_NAVIGATION_LINKS.sub("", body_html), skip_code=False)


def _update_sql(post_model, connection, vectors):
    """The UPDATE of one post's search fields (with the vectors or without)."""
    meta, quote = post_model._meta, connection.ops.quote_name
    column = {name: quote(meta.get_field(name).column) for name in _FIELDS}
    assignments = f"{column['search_text']} = %s"
    if vectors:
        assignments += (
            f", {column['search_vector']} = {VECTOR_SQL}"
            f", {column['search_title_tags']} = {TITLE_TAGS_SQL}"
        )
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    return f"UPDATE {table} SET {assignments} WHERE {pk} = %s"


def _update_params(post, tag_names, vectors):
    """``_update_sql``'s parameters for ``post``; set its ``search_text``."""
    post.search_text = body_text(post.body_html)
    if not vectors:
        return [post.search_text, post.pk]
    title_tags = _title_tags_params(post.title, tag_names)
    return [post.search_text, *title_tags, index_text(post.search_text), *title_tags, post.pk]


def write_search_fields(post_model, posts, tags, using=None):
    """Store the search fields of saved ``posts`` with tag names ``tags[pk]``
    (none when missing) and set each post's ``search_text``; return how many.

    Every write of them, for one post or thousands, goes through here: one
    ``executemany`` of an UPDATE per post (``bulk_update`` spent
    milliseconds a post building its CASE expressions)."""
    using = using or DEFAULT_DB_ALIAS
    vectors = uses_postgres_search(using)
    params = [_update_params(post, tags.get(post.pk, []), vectors) for post in posts]
    # Many rows in one transaction (else each commits on its own), and no
    # savepoint inside the caller's: a failure fails the caller's too.
    connection = connections[using]
    with transaction.atomic(using, savepoint=False), connection.cursor() as cursor:
        cursor.executemany(_update_sql(post_model, connection, vectors), params)
    return len(params)


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
    write_search_fields(type(post), [post], tags, using)


def reindex_posts(post_model, through_model, post_ids=None, using=None):
    """Recompute the search fields of the given posts (all when ``None``); return how many.

    A batch at a time: its posts, their tags in one query, the fields in one
    ``executemany`` (a query per post made an import of thousands wait on as
    many round trips)."""
    manager = post_model._base_manager.using(using or DEFAULT_DB_ALIAS)
    posts = manager.only("title", "body_html").order_by("pk")
    if post_ids is not None:
        post_ids = list(post_ids)
        if not post_ids:
            return 0
        posts = posts.filter(pk__in=post_ids)
    count = 0
    for batch in batched(posts.iterator(chunk_size=BATCH_SIZE)):
        tags = tag_names_by_post(through_model, [post.pk for post in batch], using)
        count += write_search_fields(post_model, batch, tags, using)
    return count
