"""Paging through search results with one query per page.

``Paginator`` counts all matches in a query of its own before fetching the
page. For a full-text search that is a second pass over every matching post
(on PostgreSQL each one's ``search_vector`` read again from TOAST storage), as
costly as the search itself. Here the total comes with the page's rows, as a
window count computed in the same pass that ranks the matches.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window

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
        rows = list(
            self.object_list.annotate(match_total=Window(Count("pk")))[
                bottom : bottom + self.per_page
            ]
        )
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        self.count = rows[0].match_total if rows else 0
        return self._get_page(rows, number, self)
