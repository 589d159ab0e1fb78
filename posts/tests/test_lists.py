"""Helpers for list pages: remembered counts, archives by year."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from posts.lists import RememberedCountPaginator, by_year
from posts.models import Post
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_a_list_is_counted_once_per_change(django_assert_num_queries):
    make_post("One")

    def count():
        return RememberedCountPaginator(Post.objects.all(), 10, count_name="all").count

    # The count, and the next scheduled post (how long it may be kept).
    with django_assert_num_queries(2):
        assert count() == 1
    with django_assert_num_queries(0):
        assert count() == 1
    make_post("Two")  # replaces the generation
    with django_assert_num_queries(2):
        assert count() == 2


def test_by_year_groups_in_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    late = make_post(
        "Late", slug="late", publish_at=datetime(2023, 12, 31, 20, tzinfo=ZoneInfo("UTC"))
    )
    early = make_post(
        "Early", slug="early", publish_at=datetime(2023, 6, 1, tzinfo=ZoneInfo("UTC"))
    )
    assert by_year([late, early]) == [
        (2024, [(late.get_absolute_url(), "2024-01-01T04:00:00+08:00", "01-01", "Late")]),
        (2023, [(early.get_absolute_url(), "2023-06-01T08:00:00+08:00", "06-01", "Early")]),
    ]
