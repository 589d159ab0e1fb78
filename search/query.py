"""Finding posts for a parsed query, best matches first.

On PostgreSQL the query is a ``tsquery`` matched against the indexed
``search_vector`` (GIN); on SQLite, each term is looked for with a regular
expression in the title, the body text and the tag names. Both order posts
the same way: all terms in the title first, then all terms in the tags, then
the rest; within a tier, newest first.
"""

from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.db import connections, transaction
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When

from search.index import SEARCH_CONFIG, uses_postgres_search
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


def _postgres_search(queryset, terms):
    def query(weight=""):
        return SearchQuery(tsquery_text(terms, weight), config=SEARCH_CONFIG, search_type="raw")

    # Only the match reads the full vector, through its GIN index (which
    # settles plain words without reading the vectors; phrases are checked
    # against them). The tier is read from the small title and tags vector,
    # weight-labelled queries telling the title (A) from the tags (B).
    title_tags = F("search_title_tags")
    return (
        queryset.filter(search_vector=query())
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
