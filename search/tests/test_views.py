"""The search page (search.views): the form, results, snippets, pages and
what it refuses."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from posts.models import Post
from posts.tests.factories import make_post
from search.pagination import ConfirmingPaginator
from search.tests.factories import found, postgres_only, search

pytestmark = pytest.mark.django_db


def test_empty_query_shows_the_form_without_results(client):
    make_post("容器编排")
    for response in (client.get(reverse("search:search")), search(client, "  ")):
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one("form.search-form input[name=q]") is not None
        assert not soup.select(".search-result")


def test_results_have_highlighted_snippets_around_the_match(client):
    body = "开头的废话。" * 40 + "这里讲服务发现的原理。" + "结尾。" * 40
    make_post("Service", body=body)
    soup = BeautifulSoup(search(client, "服务发现").content, "html.parser")
    snippet = soup.select_one(".search-result .snippet")
    assert [mark.text for mark in snippet.select("mark")] == ["服务发现"]
    assert snippet.text.startswith("… ") and snippet.text.endswith(" …")
    assert len(snippet.text) < 200


def test_snippets_show_body_text_not_markup_and_escape_it(client):
    make_post(
        "Markup", body="**容器** 与 `<script>alert(1)</script>` 的 [链接](https://x.example/)"
    )
    response = search(client, "容器")
    snippet = BeautifulSoup(response.content, "html.parser").select_one(".snippet")
    assert "**" not in snippet.text and "https://x.example/" not in snippet.text
    assert "<script>alert(1)</script>" in snippet.text
    assert b"<script>alert(1)" not in response.content


def test_title_matches_are_marked(client):
    make_post("容器 与 Deployment", body="正文。")
    soup = BeautifulSoup(search(client, "deploying 容器").content, "html.parser")
    title = soup.select_one(".search-result .entry-title a")
    assert [mark.text for mark in title.select("mark")] == ["容器", "Deployment"]


def test_drafts_and_future_posts_are_never_found(client):
    make_post("Visible 容器")
    make_post("Draft 容器", status=Post.Status.DRAFT)
    make_post("Future 容器", days_ago=-2)
    assert found(search(client, "容器")) == ["Visible 容器"]


def test_results_are_paginated_and_keep_the_query(client, settings):
    settings.POSTS_PER_PAGE = 2
    for number in range(5):
        make_post(f"容器 {number}", days_ago=number + 1)
    first = search(client, "容器")
    assert found(first) == ["容器 0", "容器 1"]
    last = search(client, "容器", page=3)
    assert found(last) == ["容器 4"]
    summary = BeautifulSoup(last.content, "html.parser").select_one(".search-summary").text
    assert [word for word in summary.split() if word.isdigit()] == ["5"]
    more = BeautifulSoup(first.content, "html.parser").select_one(".pagination a.next")["href"]
    assert found(client.get(reverse("search:search") + more)) == ["容器 2", "容器 3"]
    assert search(client, "容器", page=4).status_code == 404


@postgres_only
def test_a_common_phrase_is_counted_up_to_a_limit_and_paged_on(client, settings, monkeypatch):
    settings.POSTS_PER_PAGE = 2
    monkeypatch.setattr(ConfirmingPaginator, "COUNT_LIMIT", 3)
    for number in range(5):
        make_post(f"网格 {number}", body="服务网格。", days_ago=number + 1)

    def summary_and_page(response):
        soup = BeautifulSoup(response.content, "html.parser")
        return [
            soup.select_one(selector).text.split()
            for selector in (".search-summary", ".page-number")
        ]

    first = search(client, "服务网格")
    assert found(first) == ["网格 0", "网格 1"]
    summary, page = summary_and_page(first)
    assert [word for word in summary if word.isdigit()] == ["3"]
    assert [word for word in page if word.isdigit()] == ["1"]
    second = search(client, "服务网格", page=2)
    assert found(second) == ["网格 2", "网格 3"]
    assert [word for word in summary_and_page(second)[0] if word.isdigit()] == ["4"]
    last = search(client, "服务网格", page=3)
    assert found(last) == ["网格 4"]
    summary, page = summary_and_page(last)
    assert [word for word in summary if word.isdigit()] == ["5"]
    assert [word for word in page if word.isdigit()] == ["3", "3"]


@pytest.mark.parametrize(
    "query",
    [
        "%",
        "_",
        "%_%",
        "'",
        '"',
        "''''",
        "\\",
        "'; DROP TABLE posts_post; --",
        "1' OR '1'='1",
        "a & | ! ( ) <-> :* b",
        "(((",
        "容器' & !",
        "<script>alert(1)</script>",
        "💥" * 50,
        "the of and",
        "容器" * 100,
        " ".join("服务发现容器编排"[: n % 7 + 2] + "器" * (n % 5) for n in range(20)),
        " ".join(f"word{n}" for n in range(30)),
    ],
)
def test_hostile_queries_answer_200(client, query):
    make_post("容器 post", body="正文 100% done_ok.")
    response = search(client, query)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%E5%AE", "%", "%%%25"])
def test_malformed_percent_encoding_answers_200(client, raw):
    make_post("容器 post")
    assert client.get(f"{reverse('search:search')}?q={raw}").status_code == 200


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "x" * 10_000}, 400),
        ({"q": "容器\x00"}, 400),
        ({"q": "容器", "page": "abc"}, 400),
        ({"q": "容器", "page": "-1"}, 400),
        ({"q": "容器", "page": "99999999999999999999"}, 404),
    ],
)
def test_refused_queries_answer_4xx_with_a_message(client, params, status):
    make_post("容器 post")
    response = client.get(reverse("search:search"), params)
    assert response.status_code == status
    if status == 400:
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one(".errorlist li").text.strip()


def test_results_page_is_not_indexed(client):
    make_post("容器 post")
    soup = BeautifulSoup(search(client, "容器").content, "html.parser")
    assert "noindex" in soup.select_one('meta[name="robots"]')["content"]


def test_search_runs_a_constant_number_of_queries(client, settings):
    settings.POSTS_PER_PAGE = 10

    def queries_for(count):
        Post.objects.all().delete()
        for number in range(count):
            make_post(f"容器 {number}", tags=["k8s", f"tag{number}"])
        with CaptureQueriesContext(connection) as queries:
            assert search(client, "容器").status_code == 200
        return len(queries)

    assert queries_for(1) == queries_for(30)


def test_a_phrase_search_runs_a_constant_number_of_queries(client, settings):
    settings.POSTS_PER_PAGE = 10

    def queries_for(count):
        Post.objects.all().delete()
        for number in range(count):
            make_post(f"服务网格 {number}", body="服务网格，服务网。", tags=["k8s"])
        with CaptureQueriesContext(connection) as queries:
            assert len(found(search(client, "服务网格"))) == min(count, 10)
        return len(queries)

    assert queries_for(1) == queries_for(30)
