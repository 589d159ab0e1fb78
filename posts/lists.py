"""Helpers for the pages that list posts."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property

from posts.pagecache.generation import remember


class RememberedCountPaginator(Paginator):
    """A paginator that counts once per change to the site, not once per page view."""

    def __init__(self, *args, count_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_name = count_name

    @cached_property
    def count(self):
        return remember(f"count:{self.count_name}", lambda: Paginator.count.func(self))


def by_year(posts):
    """``[(year, [(url, ISO time to the second, "mm-dd", title), …]), …]`` in order.

    Worked out here rather than with template filters: a page lists hundreds.
    """
    years = []
    for post in posts:
        local = timezone.localtime(post.publish_at)
        if not years or years[-1][0] != local.year:
            years.append((local.year, []))
        years[-1][1].append(
            (
                post.get_absolute_url(),
                local.replace(microsecond=0).isoformat(),
                f"{local:%m-%d}",
                post.title,
            )
        )
    return years
