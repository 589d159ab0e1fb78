import pytest

from posts.models import Post, TaggedPost
from posts.tests.factories import make_post
from search.index import reindex_posts

pytestmark = pytest.mark.django_db


def test_a_batch_is_reindexed_with_one_update(django_assert_max_num_queries):
    posts = [make_post(f"Post {n}", body=f"Word{n} text.", tags=["go"]) for n in range(30)]
    Post.objects.update(search_text="")
    # The posts, their tags, and one UPDATE (in a transaction: two more).
    with django_assert_max_num_queries(5):
        assert reindex_posts(Post, TaggedPost, [post.pk for post in posts]) == 30
    texts = dict(Post.objects.values_list("pk", "search_text"))
    assert [texts[post.pk] for post in posts] == [f"Word{n} text." for n in range(30)]
