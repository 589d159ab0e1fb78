"""Paging through search results with one query per page.

``Paginator`` counts all matches in a query of its own before fetching the
page: a second pass over every matching post, and for a Chinese phrase on
PostgreSQL a second reading of every candidate's vector. Here the total comes
with the page's rows, as a window count computed in the same pass.

The window is given the page's own ordering over the whole result (a frame
from the first row to the last). The database then sorts the matches once,
below the count, computing the sort keys as it reads each row, rather than
first storing every matching row for the count and sorting them afterwards.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, RowRange, Window

# Larger offsets overflow the databases' integers; no blog has that many posts.
MAX_OFFSET = 2**31


class OnePassPaginator(Paginator):
    """A ``Paginator`` whose ``page()`` runs one query that also yields ``count``.

    A page past the end (and any page but the first of no matches) raises
    ``EmptyPage`` as usual; ``count`` is known only after ``page()``.
    """

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from exc
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        bottom = (number - 1) * self.per_page
        if bottom >= MAX_OFFSET:
            raise EmptyPage(self.error_messages["no_results"])
        total = Window(
            Count("pk"),
            order_by=list(self.object_list.query.order_by) or None,
            frame=RowRange(start=None, end=None),
        )
        rows = list(self.object_list.annotate(match_total=total)[bottom : bottom + self.per_page])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        self.count = rows[0].match_total if rows else 0
        return self._get_page(rows, number, self)
