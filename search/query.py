"""Finding posts for a parsed query, best matches first.

On PostgreSQL the query is a ``tsquery`` matched against the indexed
``search_vector`` (GIN); on SQLite, each term is looked for with a regular
expression in the title, the body text and the tag names. Both order posts
the same way: all terms in the title first, then all terms in the tags, then
the rest; within a tier, newest first.
"""

from contextlib import contextmanager
from functools import partial

from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.db import connections, transaction
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When

from search.index import SEARCH_CONFIG, uses_postgres_search
from search.pagination import ConfirmingPaginator, OnePassPaginator
from search.text import tsquery_text

TITLE_TIER, TAG_TIER, BODY_TIER = 2, 1, 0
# The same on every database, so that they list matches alike.
ORDERING = ("-tier", "-publish_at", "-id")


def search_posts(queryset, terms):
    """Posts of ``queryset`` that match every term, best first, as a queryset."""
    if not terms:
        return queryset.none()
    if uses_postgres_search(queryset.db):
        return _postgres_search(queryset, terms)
    return _fallback_search(queryset, terms)


def search_paginator(queryset, terms, per_page):
    """A paginator over the posts of ``queryset`` matching every term, best first.

    On PostgreSQL a query holding a Chinese phrase pages through the posts
    that hold the phrase's pieces, confirming adjacency only as far as the page
    needs (``ConfirmingPaginator``); anything else is ``search_posts`` paged
    with its count (``OnePassPaginator``). Fetch pages inside
    ``matched_through_the_index``.
    """
    if terms and uses_postgres_search(queryset.db) and any(term.is_phrase for term in terms):
        candidates = _postgres_search(queryset, terms, adjacent=False)
        return ConfirmingPaginator(candidates, partial(_confirmed_ids, candidates, terms), per_page)
    return OnePassPaginator(search_posts(queryset, terms), per_page)


@contextmanager
def matched_through_the_index(using):
    """Run the searches inside this block with PostgreSQL's planner kept off
    sequential scans, in a transaction of their own (or a savepoint, the
    setting then lasting until the enclosing transaction ends).

    A word in most posts makes a sequential scan look cheaper than the GIN
    index, but the planner does not count what it costs to test a row:
    reading its 14 KB vector from TOAST storage. Through the index a word is
    settled without reading any vector. Elsewhere this does nothing.
    """
    if not uses_postgres_search(using):
        yield
        return
    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def _postgres_search(queryset, terms, adjacent=True):
    def query(weight="", adjacent=True):
        text = tsquery_text(terms, weight, adjacent)
        return SearchQuery(text, config=SEARCH_CONFIG, search_type="raw")

    # Only the match reads the full vector, through its GIN index (which
    # settles plain words without reading the vectors; phrases are checked
    # against them). The tier is read from the small title and tags vector,
    # weight-labelled queries telling the title (A) from the tags (B).
    title_tags = F("search_title_tags")
    return (
        queryset.filter(search_vector=query(adjacent=adjacent))
        .annotate(
            tier=Case(
                When(SearchVectorExact(title_tags, query("A")), then=Value(TITLE_TIER)),
                When(SearchVectorExact(title_tags, query("B")), then=Value(TAG_TIER)),
                default=Value(BODY_TIER),
                output_field=IntegerField(),
            )
        )
        .order_by(*ORDERING)
    )


def _confirmed_ids(candidates, terms, limit):
    """Ids of the first ``limit`` of the ordered ``candidates`` whose vector
    matches ``terms`` exactly (phrases adjacent), in order.

    The candidates are sorted in a subquery that the check cannot be pushed
    into (``OFFSET 0``), carrying each vector's TOAST pointer, not the vector.
    The outer query keeps that order without sorting again and checks row
    after row until it has ``limit``, so no more vectors are read than that
    (plus those that fail). Checked in a join instead (``EXISTS``), every
    candidate would be read.
    """
    connection = connections[candidates.db]
    keys = [(name.lstrip("-"), "DESC" if name.startswith("-") else "ASC") for name in ORDERING]
    columns = [key for key, _ in keys] + ["search_vector"]
    inner, params = candidates.values_list(*columns).query.sql_with_params()
    sql = (
        f"SELECT c.id FROM ({inner} OFFSET 0) AS c"
        " WHERE c.search_vector @@ to_tsquery(%s::regconfig, %s)"
        f" ORDER BY {', '.join(f'c.{key} {way}' for key, way in keys)} LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, SEARCH_CONFIG, tsquery_text(terms), limit))
        return [pk for (pk,) in cursor.fetchall()]


def _fallback_search(queryset, terms):
    from posts.models import TaggedPost

    def in_tags(term):
        return Exists(
            TaggedPost.objects.filter(content_object=OuterRef("pk"), tag__name__iregex=term.pattern)
        )

    in_title = Q()
    in_all_tags = Q()
    for term in terms:
        queryset = queryset.filter(
            Q(title__iregex=term.pattern) | Q(search_text__iregex=term.pattern) | in_tags(term)
        )
        in_title &= Q(title__iregex=term.pattern)
        in_all_tags &= in_tags(term)
    return queryset.annotate(
        tier=Case(
            When(in_title, then=Value(TITLE_TIER)),
            When(in_all_tags, then=Value(TAG_TIER)),
            default=Value(BODY_TIER),
            output_field=IntegerField(),
        )
    ).order_by(*ORDERING)
