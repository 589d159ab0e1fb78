import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger

from posts.models import Post
from posts.tests.factories import make_post
from search.pagination import ConfirmingPaginator, OnePassPaginator
from search.query import search_posts
from search.text import parse_query

pytestmark = pytest.mark.django_db


def matches(query):
    return search_posts(Post.objects.published(), parse_query(query))


@pytest.fixture
def five_posts():
    for number in range(5):
        make_post(f"容器 {number}", days_ago=number + 1)
    make_post("无关")


def test_a_page_and_the_total_come_from_one_query(five_posts, django_assert_num_queries):
    paginator = OnePassPaginator(matches("容器"), 2)
    with django_assert_num_queries(1):
        page = paginator.page(2)
    assert [post.title for post in page] == ["容器 2", "容器 3"]
    assert (paginator.count, paginator.num_pages) == (5, 3)
    assert page.has_next() and page.has_previous()


def test_the_last_page_holds_the_rest(five_posts):
    paginator = OnePassPaginator(matches("容器"), 2)
    page = paginator.page(3)
    assert [post.title for post in page] == ["容器 4"]
    assert paginator.count == 5
    assert not page.has_next()


def test_no_matches_is_an_empty_first_page(five_posts):
    paginator = OnePassPaginator(matches("不存在"), 2)
    page = paginator.page(1)
    assert list(page) == []
    assert (paginator.count, paginator.num_pages) == (0, 1)
    with pytest.raises(EmptyPage):
        OnePassPaginator(matches("不存在"), 2).page(2)


@pytest.mark.parametrize("number", [4, 0, -1, 10**20])
def test_pages_outside_the_results_are_empty_pages(five_posts, number):
    with pytest.raises(EmptyPage):
        OnePassPaginator(matches("容器"), 2).page(number)


def test_a_page_number_that_is_not_a_number_is_refused(five_posts):
    with pytest.raises(PageNotAnInteger):
        OnePassPaginator(matches("容器"), 2).page("abc")


class FewerCounted(ConfirmingPaginator):
    COUNT_LIMIT = 3


@pytest.fixture
def nine_posts():
    """Nine candidates, newest first; the odd-numbered four are confirmed."""
    posts = [make_post(f"容器 {number}", days_ago=number + 1) for number in range(9)]
    return Post.objects.filter(pk__in=[post.pk for post in posts]).order_by("-publish_at")


def confirming(candidates, paginator_class=ConfirmingPaginator, per_page=2):
    asked = []

    def confirm(limit):
        asked.append(limit)
        titles = candidates.values_list("pk", "title")
        return [pk for pk, title in titles if int(title.split()[-1]) % 2][:limit]

    return paginator_class(candidates, confirm, per_page), asked


def test_confirmed_matches_are_counted_exactly_under_the_limit(nine_posts):
    paginator, asked = confirming(nine_posts)
    page = paginator.page(2)
    assert [post.title for post in page] == ["容器 5", "容器 7"]
    assert (paginator.count, paginator.num_pages, paginator.more) == (4, 2, False)
    assert asked == [ConfirmingPaginator.COUNT_LIMIT + 1]
    assert page.has_previous() and not page.has_next()


def test_past_the_limit_the_count_is_a_lower_bound_and_next_leads_on(nine_posts):
    paginator, asked = confirming(nine_posts, FewerCounted, per_page=1)
    page = paginator.page(1)
    assert [post.title for post in page] == ["容器 1"]
    assert (paginator.more, paginator.at_least, paginator.count) == (True, 3, 4)
    page = paginator.page(3)
    assert [post.title for post in page] == ["容器 5"] and page.has_next()
    assert asked == [4, 4]
    # A page past the limit confirms as far as itself, plus one.
    page = paginator.page(4)
    assert [post.title for post in page] == ["容器 7"] and not page.has_next()
    assert (paginator.more, paginator.count) == (False, 4)
    assert asked[-1] == 5


def test_a_confirmed_page_is_one_more_query_for_its_rows(nine_posts, django_assert_num_queries):
    paginator, _ = confirming(nine_posts.filter(title__endswith="1"))
    with django_assert_num_queries(2):  # the confirmation (here a plain query), the rows
        assert [post.title for post in paginator.page(1)] == ["容器 1"]


@pytest.mark.parametrize("number", [0, 3, 10**20])
def test_confirmed_pages_outside_the_results_are_empty_pages(nine_posts, number):
    paginator, _ = confirming(nine_posts)
    with pytest.raises(EmptyPage):
        paginator.page(number)


def test_a_confirmed_page_number_that_is_not_a_number_is_refused(nine_posts):
    paginator, asked = confirming(nine_posts)
    with pytest.raises(PageNotAnInteger):
        paginator.page("abc")
    assert asked == []


def test_a_confirmed_post_gone_before_its_row_is_read_is_left_out(nine_posts):
    # The confirmation and the rows are two statements: another request may
    # delete or unpublish a post in between.
    paginator, _ = confirming(nine_posts)
    confirm = paginator.confirm

    def confirm_then_lose_one(limit):
        ids = confirm(limit)
        Post.objects.filter(pk=ids[0]).delete()
        return ids

    paginator.confirm = confirm_then_lose_one
    assert [post.title for post in paginator.page(1)] == ["容器 3"]


class FewShown(ConfirmingPaginator):
    COUNT_LIMIT = 2
    MAX_SHOWN = 3


def test_no_page_past_the_most_shown_is_confirmed(nine_posts):
    paginator, asked = confirming(nine_posts, FewShown, per_page=1)
    for number in (4, 200_000_000):
        with pytest.raises(EmptyPage):
            paginator.page(number)
    assert asked == []
    # The last page shown says more match, but leads no further.
    page = paginator.page(3)
    assert [post.title for post in page] == ["容器 5"]
    assert (paginator.more, paginator.at_least, paginator.count) == (True, 3, 3)
    assert not page.has_next()
    assert asked == [4]


def test_a_reused_confirming_paginator_counts_each_page_afresh(nine_posts):
    paginator, _ = confirming(nine_posts, FewerCounted, per_page=1)
    assert paginator.page(1).has_next()  # page count worked out from 4 matches
    paginator.confirm = lambda limit: list(nine_posts.values_list("pk", flat=True))[:limit]
    page = paginator.page(4)
    assert paginator.more and page.has_next()


def test_a_reused_one_pass_paginator_counts_each_page_afresh(five_posts):
    paginator = OnePassPaginator(matches("容器"), 2)
    assert paginator.page(1).has_next() and paginator.num_pages == 3
    Post.objects.filter(title="容器 4").delete()
    assert not paginator.page(2).has_next()
