"""Paging through search results without counting them in a pass of their own.

``Paginator`` counts all matches in a query of its own before fetching the
page: a second pass over every matching post, and for a Chinese phrase on
PostgreSQL a second reading of every candidate's vector. Here the total comes
with the page's rows, as a window count computed in the same pass.

The window is given the page's own ordering over the whole result (a frame
from the first row to the last). The database then sorts the matches once,
below the count, computing the sort keys as it reads each row, rather than
first storing every matching row for the count and sorting them afterwards.

A Chinese phrase on PostgreSQL is paged differently (``ConfirmingPaginator``):
the index finds the posts holding all of its two-character pieces without
reading them, but only each post's vector says whether the pieces are
adjacent, and a common phrase is in thousands of posts. Candidates are
confirmed in result order only as far as the page and a count of
``COUNT_LIMIT`` need, so a common phrase costs what its first pages need,
however many posts hold it.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, RowRange, Window

# Larger offsets overflow the databases' integers; no blog has that many posts.
MAX_OFFSET = 2**31


def first_row(paginator, number):
    """``number`` as an int and the offset of its first row; raise
    ``PageNotAnInteger`` or ``EmptyPage`` as ``Paginator.page`` would."""
    try:
        number = int(number)
    except (TypeError, ValueError) as exc:
        raise PageNotAnInteger(paginator.error_messages["invalid_page"]) from exc
    if number < 1:
        raise EmptyPage(paginator.error_messages["min_page"])
    bottom = (number - 1) * paginator.per_page
    if bottom + paginator.per_page >= MAX_OFFSET:
        raise EmptyPage(paginator.error_messages["no_results"])
    return number, bottom


def found(paginator, count):
    """Set ``paginator``'s ``count`` (and forget the page count worked out from an earlier one)."""
    paginator.count = count
    paginator.__dict__.pop("num_pages", None)


class OnePassPaginator(Paginator):
    """A ``Paginator`` whose ``page()`` runs one query that also yields ``count``.

    A page past the end (and any page but the first of no matches) raises
    ``EmptyPage`` as usual; ``count`` is known only after ``page()``, and
    always exact.
    """

    more = False

    def page(self, number):
        number, bottom = first_row(self, number)
        total = Window(
            Count("pk"),
            order_by=list(self.object_list.query.order_by) or None,
            frame=RowRange(start=None, end=None),
        )
        rows = list(self.object_list.annotate(match_total=total)[bottom : bottom + self.per_page])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        found(self, rows[0].match_total if rows else 0)
        return self._get_page(rows, number, self)


class ConfirmingPaginator(Paginator):
    """A ``Paginator`` over ordered candidates of which only the confirmed count.

    ``object_list`` holds the candidates in result order; ``confirm(limit)``
    returns the ids of the first ``limit`` candidates that really match, in
    that order, confirming no more than it must. ``page(n)`` confirms as far
    as the end of page *n* or ``COUNT_LIMIT`` matches, whichever is further,
    plus one to know whether more follow, then fetches the page's rows (two
    queries). ``count`` is exact unless ``more`` is set; then more than
    ``at_least`` posts match, and the last page is one past the confirmed
    ones, so "next" keeps leading on, up to ``MAX_SHOWN`` matches: a page
    beyond is empty (``EmptyPage``) without confirming anything, so no request
    reads more than that many matches' vectors (plus the candidates that fail,
    which a phrase of common pieces rarely adjacent can make many).
    """

    COUNT_LIMIT = 100
    MAX_SHOWN = 10 * COUNT_LIMIT

    def __init__(self, object_list, confirm, per_page):
        super().__init__(object_list, per_page)
        self.confirm = confirm
        self.more = False
        self.at_least = 0

    def page(self, number):
        number, bottom = first_row(self, number)
        top = bottom + self.per_page
        if top > self.MAX_SHOWN and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        wanted = min(max(self.COUNT_LIMIT, top), self.MAX_SHOWN) + 1
        ids = self.confirm(wanted)
        self.more, self.at_least = len(ids) == wanted, wanted - 1
        # Never a page past MAX_SHOWN, even when more match.
        found(self, min(len(ids), self.MAX_SHOWN))
        if bottom >= len(ids) and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        # A post confirmed, then deleted or unpublished before its row is
        # read (another statement), is left out rather than failing the page.
        rows = self.object_list.in_bulk(ids[bottom:top])
        return self._get_page([rows[pk] for pk in ids[bottom:top] if pk in rows], number, self)
