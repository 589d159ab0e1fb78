"""Search fields kept in step with posts and tags (search.index)."""

import pytest
from django.core.management import call_command
from django.db import connection
from taggit.models import Tag

from posts.models import Post, TaggedPost
from posts.tests.factories import make_post
from search.index import reindex_posts
from search.tests.factories import found, postgres_only, search, slugs

pytestmark = pytest.mark.django_db


def test_a_batch_is_reindexed_with_one_update(django_assert_max_num_queries):
    posts = [make_post(f"Post {n}", body=f"Word{n} text.", tags=["go"]) for n in range(30)]
    Post.objects.update(search_text="")
    # The posts, their tags, and one UPDATE (in a transaction: two more).
    with django_assert_max_num_queries(5):
        assert reindex_posts(Post, TaggedPost, [post.pk for post in posts]) == 30
    texts = dict(Post.objects.values_list("pk", "search_text"))
    assert [texts[post.pk] for post in posts] == [f"Word{n} text." for n in range(30)]


def stored_vectors(post):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_title_tags::text, ts_filter(search_vector, '{a,b}')::text,"
            " search_vector::text FROM posts_post WHERE id = %s",
            [post.pk],
        )
        return cursor.fetchone()


@postgres_only
def test_title_and_tags_vector_is_the_full_vector_without_the_body():
    # The migration that added the column copied it this way from the full vector.
    post = make_post(
        "服务发现 Deploying", body="部署服务发现的正文 deploying.", tags=["容器", "K8s"]
    )
    title_tags, filtered, full = stored_vectors(post)
    assert title_tags == filtered
    assert (
        title_tags == "'deploy':5A 'k8s':6B '务发':2A '发现':3A '器':8B '容器':7B '服务':1A '现':4A"
    )
    assert "'正文':" in full and "'正文':" not in title_tags


@postgres_only
def test_a_post_without_tags_has_only_its_title_in_the_small_vector():
    post = make_post("容器", body="正文里也有容器。")
    assert stored_vectors(post)[0] == "'器':2A '容器':1A"


def test_reindexing_rewrites_every_search_field():
    post = make_post("容器 title", body="正文。", tags=["k8s"])
    expected = Post.objects.values("search_text", "search_vector", "search_title_tags").get()
    Post.objects.update(search_text="", search_vector=None, search_title_tags=None)
    assert reindex_posts(Post, TaggedPost) == 1
    assert (
        Post.objects.values("search_text", "search_vector", "search_title_tags").get() == expected
    )
    assert post.search_text == expected["search_text"] == "正文。"


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
