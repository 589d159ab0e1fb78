from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from posts.models import Post
from posts.tests.factories import make_post
from search.pagination import OnePassPaginator
from search.query import matched_through_the_index, search_posts
from search.text import parse_query

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="PostgreSQL full-text search only"
)


def search(client, query, **params):
    return client.get(reverse("search:search"), {"q": query, **params})


def found(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text for a in soup.select(".search-result .entry-title a")]


def slugs(query):
    return [post.slug for post in search_posts(Post.objects.published(), parse_query(query))]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_empty_query_shows_the_form_without_results(client):
    make_post("容器编排")
    for response in (client.get(reverse("search:search")), search(client, "  ")):
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one("form.search-form input[name=q]") is not None
        assert not soup.select(".search-result")


def test_finds_a_two_character_chinese_word_inside_a_sentence(client):
    make_post("编排入门", body="今天我们用容器把服务跑起来。")
    make_post("无关", body="今天我们写单元测试。")
    assert found(search(client, "容器")) == ["编排入门"]


def test_finds_a_chinese_phrase_only_where_its_characters_are_together(client):
    make_post("一起", body="Kubernetes 自带服务发现机制。")
    make_post("分开", body="服务很多，发现问题很难。")
    assert found(search(client, "服务发现")) == ["一起"]
    assert sorted(found(search(client, "服务 发现"))) == ["一起", "分开"]


def test_finds_a_single_chinese_character(client):
    make_post("有", body="一个容器。")
    make_post("无", body="一个进程。")
    assert found(search(client, "器")) == ["有"]


def test_english_words_match_by_stem(client):
    make_post("Rollouts", body="A zero-downtime Deployment needs readiness probes.")
    make_post("Other", body="Nothing about shipping here.")
    assert found(search(client, "deploying")) == ["Rollouts"]
    assert found(search(client, "DEPLOYMENTS")) == ["Rollouts"]


def test_mixed_chinese_and_english_query_needs_every_term(client):
    make_post("Both", body="在 Kubernetes 里部署容器。")
    make_post("Only Chinese", body="在虚拟机里部署容器。")
    assert found(search(client, "kubernetes 容器")) == ["Both"]


def test_finds_tag_names(client):
    make_post("Tagged", body="正文。", tags=["服务网格", "Istio"])
    make_post("Untagged", body="正文。")
    assert found(search(client, "服务网格")) == ["Tagged"]
    assert found(search(client, "istio")) == ["Tagged"]


def test_title_hits_rank_above_tag_hits_above_body_hits(client):
    make_post("Body", body="容器 " * 30, days_ago=1)
    make_post("Tag", body="正文。", tags=["容器"], days_ago=2)
    make_post("标题里有容器", body="正文。", days_ago=3)
    assert found(search(client, "容器")) == ["标题里有容器", "Tag", "Body"]


def test_within_a_tier_newer_posts_come_first_however_often_they_match(client):
    make_post("Old body", body="容器 " * 30, days_ago=5)
    make_post("New body", body="一个容器。", days_ago=1)
    make_post("Old tag", body="容器 " * 30, tags=["容器"], days_ago=6)
    make_post("New tag", body="正文。", tags=["容器", "k8s"], days_ago=2)
    make_post("Old 容器 容器 容器", body="容器 " * 30, days_ago=7)
    make_post("New 容器", body="正文。", days_ago=3)
    assert found(search(client, "容器")) == [
        "New 容器",
        "Old 容器 容器 容器",
        "New tag",
        "Old tag",
        "New body",
        "Old body",
    ]


def test_posts_published_at_the_same_time_come_newest_id_first(client):
    when = timezone.now() - timedelta(days=1)
    first = make_post("First", body="容器。", publish_at=when)
    second = make_post("Second", body="容器 " * 10, publish_at=when)
    assert second.pk > first.pk
    assert found(search(client, "容器")) == ["Second", "First"]


def test_terms_split_between_title_and_tags_rank_as_body_hits(client):
    make_post("容器", body="正文。", tags=["istio"], days_ago=1)
    make_post("Both in tags", body="正文。", tags=["容器", "istio"], days_ago=2)
    make_post("Both in title 容器 istio", body="正文。", days_ago=3)
    assert found(search(client, "容器 istio")) == [
        "Both in title 容器 istio",
        "Both in tags",
        "容器",
    ]


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


class TestIndexFollowsEdits:
    def test_title_and_body_edits(self, client):
        post = make_post("Old title", body="旧的正文。")
        post.title = "New 标题"
        post.body = "新的正文讲容器。"
        post.save()
        assert found(search(client, "容器")) == ["New 标题"]
        assert found(search(client, "标题")) == ["New 标题"]
        assert found(search(client, "旧的")) == []
        assert found(search(client, "old")) == []

    def test_tags_added_removed_renamed_and_deleted(self, client):
        post = make_post("Post", body="正文。")
        post.tags.add("网格")
        assert found(search(client, "网格")) == ["Post"]
        post.tags.remove("网格")
        assert found(search(client, "网格")) == []
        post.tags.set(["旧名"])
        tag = Tag.objects.get(name="旧名")
        tag.name = "新名"
        tag.save()
        assert found(search(client, "新名")) == ["Post"]
        assert found(search(client, "旧名")) == []
        tag.delete()
        assert found(search(client, "新名")) == []
        post.tags.add("再来")
        post.tags.clear()
        assert found(search(client, "再来")) == []

    def test_title_and_tag_edits_move_a_post_between_tiers(self, client):
        make_post("Newer", body="容器。", days_ago=1)
        post = make_post("Post", body="容器。", days_ago=2)
        assert found(search(client, "容器")) == ["Newer", "Post"]
        post.tags.add("容器")
        assert found(search(client, "容器")) == ["Post", "Newer"]
        post.tags.clear()
        assert found(search(client, "容器")) == ["Newer", "Post"]
        post.title = "容器 Post"
        post.save()
        assert found(search(client, "容器")) == ["容器 Post", "Newer"]

    def test_deleted_posts_disappear(self, client):
        make_post("Gone 容器").delete()
        assert found(search(client, "容器")) == []

    def test_reindex_command_rebuilds_everything(self):
        post = make_post("Post", body="正文讲容器。", tags=["容器"], days_ago=2)
        newer = make_post("Newer", body="正文讲容器。", days_ago=1)
        Post.objects.update(search_text="", search_vector=None, search_title_tags=None)
        assert slugs("正文") == []
        call_command("reindex_posts", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert slugs("正文") == [newer.slug, post.slug]
        assert slugs("容器") == [post.slug, newer.slug]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("容器", {"k8s-pod-basics", "k8s-pv-pvc-storage", "k8s-configmap-secret",
                 "microservices-observability-guide", "k8s-deployment-rolling-update",
                 "k8s-service"}),
        ("服务发现", {"k8s-service"}),
        ("熔断", {"服务网格入门", "微服务拆分实践"}),
        ("Ingress 路由", {"k8s-ingress"}),
        ("Service Mesh", {"服务网格入门"}),
        ("observability", {"microservices-observability-guide"}),
        ("滚动更新", {"k8s-deployment-rolling-update", "k8s-service", "服务网格入门"}),
        ("istio", {"服务网格入门", "k8s-pod-basics"}),
    ],
)  # fmt: skip
def test_demo_posts_give_the_same_results_on_every_database(demo, query, expected):
    assert set(slugs(query)) == expected


def test_demo_posts_are_listed_in_the_same_order_on_every_database(demo):
    # Title hits, then tag hits, then body hits; newest first within each.
    assert slugs("微服务") == [
        "microservices-observability-guide",
        "微服务拆分实践",
        "服务网格入门",
        "k8s-service",
    ]
    assert slugs("deploying") == [
        "k8s-deployment-rolling-update",
        "microservices-observability-guide",
        "服务网格入门",
        "debugging-crashloopbackoff",
        "k8s-pv-pvc-storage",
        "k8s-configmap-secret",
        "k8s-service",
        "k8s-pod-basics",
    ]
    assert slugs("kubernetes") == [
        "debugging-crashloopbackoff",
        "microservices-observability-guide",
        "服务网格入门",
        "k8s-ingress",
        "k8s-pv-pvc-storage",
        "k8s-configmap-secret",
        "k8s-deployment-rolling-update",
        "k8s-service",
        "k8s-pod-basics",
    ]


@postgres_only
@pytest.mark.parametrize(
    ("query", "titles", "total"),
    [
        # A word in every post: without the planner kept off sequential
        # scans, it would read every post's vector to test it.
        ("common", ["服务发现", "Filler 2999", "Filler 2998"], 3001),
        # A phrase: the index finds candidates, their vectors confirm them.
        ("服务发现 deploying", ["服务发现"], 1),
    ],
)
def test_postgres_search_reads_the_full_vector_only_through_its_gin_index(query, titles, total):
    make_post("服务发现", body="Deploying 服务发现, common.", days_ago=0.5)
    # Enough published posts that reading them all costs more than the index.
    now = timezone.now()
    Post.objects.bulk_create(
        Post(title=f"Filler {n}", slug=f"filler-{n}", body="x", status=Post.Status.PUBLISHED,
             publish_at=now - timedelta(days=1, seconds=3000 - n),
             search_vector=f"'common':2 'filler{n}':1", search_title_tags=f"'filler{n}':1A")
        for n in range(3000)
    )  # fmt: skip
    with connection.cursor() as cursor:
        # What autovacuum does in production: fold the index's pending list
        # (grown by earlier tests) in, and gather statistics.
        cursor.execute("SELECT gin_clean_pending_list('post_search_vector_gin')")
        cursor.execute("ANALYZE posts_post")
    matches = search_posts(Post.objects.published(), parse_query(query)).only("title")
    paginator = OnePassPaginator(matches, 3)
    with (
        matched_through_the_index(connection.alias),
        CaptureQueriesContext(connection) as queries,
        connection.cursor() as cursor,
    ):
        page = paginator.page(1)
        cursor.execute("EXPLAIN (VERBOSE) " + queries[-1]["sql"])
        plan = [line for (line,) in cursor.fetchall()]
    assert ([post.title for post in page], paginator.count) == (titles, total)
    assert any("Bitmap Index Scan on post_search_vector_gin" in line for line in plan)
    assert not any("Seq Scan" in line for line in plan)
    # Not in any node's output, filter or sort key: nothing reads the vector
    # but the index and the check of what it found.
    assert {line.split(":")[0].strip() for line in plan if "posts_post.search_vector" in line} == {
        "Recheck Cond",
        "Index Cond",
    }
