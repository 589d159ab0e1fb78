import pytest

from posts.models import Post
from posts.tests.factories import make_post


@pytest.fixture
def hidden_posts():
    """A draft and a scheduled post, both tagged ``secret-tag``: readers see neither."""
    make_post("Draft post", status=Post.Status.DRAFT, tags=["secret-tag"])
    make_post("Future post", days_ago=-3, tags=["secret-tag"])
