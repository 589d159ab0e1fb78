"""Which posts a query finds and in what order (search.query), on both databases."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from posts.models import Post
from posts.tests.factories import make_post
from search.pagination import ConfirmingPaginator, OnePassPaginator
from search.query import matched_through_the_index, search_paginator, search_posts
from search.tests.factories import found, postgres_only, search, slugs
from search.text import parse_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


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


@pytest.fixture
def mesh_posts():
    """Twelve posts holding 服务网格, and newer ones holding only its pieces apart."""
    make_post("分开", body="服务网，还有网格。", days_ago=0.1)
    make_post("网格服务", body="有网格；服务网。", days_ago=0.2)
    for number in range(12):
        make_post(f"第 {number} 篇", body=f"服务网格 {number}。", days_ago=number + 1)


def test_a_phrase_is_paged_as_search_posts_lists_it(mesh_posts):
    terms = parse_query("服务网格")
    expected = [post.title for post in search_posts(Post.objects.published(), terms)]
    paginator = search_paginator(Post.objects.published(), terms, 5)
    titles, number, more = [], 1, True
    with matched_through_the_index(connection.alias):
        while more:
            page = paginator.page(number)
            titles += [post.title for post in page]
            number, more = number + 1, page.has_next()
    assert titles == expected == [f"第 {number} 篇" for number in range(12)]
    assert (paginator.count, paginator.more) == (12, False)


@postgres_only
def test_a_phrase_reads_no_more_vectors_than_the_page_and_its_count_need(mesh_posts, monkeypatch):
    monkeypatch.setattr(ConfirmingPaginator, "COUNT_LIMIT", 5)
    paginator = search_paginator(Post.objects.published(), parse_query("服务网格"), 2)
    with matched_through_the_index(connection.alias), CaptureQueriesContext(connection) as run:
        page = paginator.page(1)
    assert [post.title for post in page] == ["第 0 篇", "第 1 篇"]
    assert (paginator.more, paginator.at_least) == (True, 5)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + run.captured_queries[0]["sql"])
        plan = cursor.fetchone()[0][0]["Plan"]
    check = plan["Plans"][0]
    assert check["Node Type"] == "Subquery Scan" and "search_vector" in check["Filter"]
    # The two newest candidates fail the check; six more pass and end it.
    assert (check["Actual Rows"], check["Rows Removed by Filter"]) == (6, 2)
    assert check["Plans"][0]["Actual Rows"] == 8
