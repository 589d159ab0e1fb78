"""Databases made by earlier migrations upgrade with ``migrate`` alone: posts
and comments from before the apps were split are kept, and the search fields
added later are filled from what the database already holds."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from comments.models import Comment
from posts.models import Post
from search.index import search_vector, title_tags_vector

# Where the schema stood when comments were still part of the posts app.
BEFORE_THE_SPLIT = [("posts", "0006_body_help_text"), ("comments", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    applied = [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(applied).apps


@pytest.mark.django_db(transaction=True)
def test_posts_and_comments_survive_the_upgrade():
    old = migrate(BEFORE_THE_SPLIT)
    old_post, old_comment = old.get_model("posts", "Post"), old.get_model("posts", "Comment")
    content_type = old.get_model("contenttypes", "ContentType")
    post = old_post.objects.create(
        title="升级之前", slug="before", body="正文", status="published", publish_at=timezone.now()
    )
    first = old_comment.objects.create(
        post=post, name="读者", email="r@example.com", body="第一条", status="approved"
    )
    old_comment.objects.create(
        post=post, parent=first, name="作者", email="a@example.com", body="回复", status="pending"
    )
    old_type = content_type.objects.get_or_create(app_label="posts", model="comment")[0]

    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())

    upgraded = Post.objects.get()
    assert (upgraded.pk, upgraded.title, upgraded.body) == (post.pk, "升级之前", "正文")
    comments = list(Comment.objects.order_by("pk").values_list("body", "status", "parent_id"))
    assert comments == [("第一条", "approved", None), ("回复", "pending", first.pk)]
    assert list(upgraded.comments.approved().values_list("name", flat=True)) == ["读者"]
    # Permissions given for comments stay attached to the same content type.
    assert ContentType.objects.get_for_model(Comment).pk == old_type.pk


BEFORE_THE_TITLE_TAGS_VECTOR = [("posts", "0010_post_pinned_index")]


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite stores no vectors")
@pytest.mark.django_db(transaction=True)
def test_the_title_and_tags_vector_is_filled_from_the_full_vector_on_upgrade():
    old_post = migrate(BEFORE_THE_TITLE_TAGS_VECTOR).get_model("posts", "Post")
    post = old_post.objects.create(
        title="容器入门", slug="before", body="正文", status="published", publish_at=timezone.now()
    )
    old_post.objects.filter(pk=post.pk).update(
        search_vector=search_vector("容器入门", ["k8s"], "正文讲部署。")
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    upgraded = Post.objects.values("search_title_tags").get()
    Post.objects.filter(pk=post.pk).update(search_title_tags=title_tags_vector("容器入门", ["k8s"]))
    assert upgraded == Post.objects.values("search_title_tags").get()
    assert upgraded["search_title_tags"] == "'k8s':5B '入门':3A '器入':2A '容器':1A '门':4A"
