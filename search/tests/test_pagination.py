import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger

from posts.models import Post
from posts.tests.factories import make_post
from search.pagination import OnePassPaginator
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
