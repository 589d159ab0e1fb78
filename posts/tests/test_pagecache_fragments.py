"""Fragments cached per object: exact on the next request, warm for every other object.

The full-page cache is off here (``PAGE_CACHE=0``), as for a reader it does
not serve: what these tests see is the fragments alone.
"""

from contextlib import contextmanager

import pytest
from django.test import Client
from django.test.signals import template_rendered

from comments.models import Comment
from comments.tests.factories import make_comment
from posts.models import Post
from posts.pagecache import fragments, generation
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db

ENTRY = "posts/includes/post_entry.html"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE = False


@pytest.fixture
def reader():
    return Client()


@contextmanager
def rendered():
    """The names of the templates rendered inside the block, in order."""
    names = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    try:
        yield names
    finally:
        template_rendered.disconnect(record)


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def test_an_edited_post_renders_its_entry_alone_on_the_next_request(reader):
    first = make_post("First", days_ago=2)
    make_post("Second", days_ago=1)
    reader.get("/")
    first.title = "First, edited"
    first.save()
    with rendered() as names:
        page = text(reader.get("/"))
    assert "First, edited" in page
    assert names.count(ENTRY) == 1


def test_an_unchanged_list_renders_no_entry(reader):
    make_post("First", days_ago=2)
    make_post("Second", days_ago=1)
    reader.get("/")
    with rendered() as names:
        reader.get("/")
    assert names.count(ENTRY) == 0


def test_a_rerendered_excerpt_shows_without_any_signal(reader):
    post = make_post("Post", body="Old excerpt.")
    reader.get("/")
    # As rerender_posts writes: an UPDATE, no save, no updated_at.
    Post.objects.filter(pk=post.pk).update(excerpt_html="<p>New excerpt.</p>")
    assert "New excerpt." in text(reader.get("/"))


def test_an_approved_comment_shows_in_the_thread_and_the_count(reader, post):
    make_comment(post, body="Already there.")
    waiting = make_comment(post, body="Waiting here.", status=Comment.Status.PENDING)
    assert "Waiting here." not in text(reader.get(post.get_absolute_url()))
    text(reader.get("/"))
    waiting.status = Comment.Status.APPROVED
    waiting.save()
    assert "Waiting here." in text(reader.get(post.get_absolute_url()))
    assert "2 条评论" in text(reader.get("/"))


def test_a_rerendered_comment_shows_on_the_next_request(reader, post):
    comment = make_comment(post, body="Before.")
    reader.get(post.get_absolute_url())
    Comment.objects.filter(pk=comment.pk).update(body_html="<p>After.</p>")
    assert "After." in text(reader.get(post.get_absolute_url()))


def test_the_blank_comment_form_is_rendered_once_and_filled_per_reader(reader, post):
    reader.get(post.get_absolute_url())
    with rendered() as names:
        page = text(reader.get(post.get_absolute_url()))
    assert "comments/form.html" not in names
    assert "hole-" not in page
    assert 'name="token"' in page


def test_a_refused_comment_form_shows_what_the_reader_typed(reader, post):
    reader.get(post.get_absolute_url())
    response = reader.post(post.get_absolute_url(), {"name": "Ann", "body": "Typed text"})
    assert response.status_code == 400
    assert "Typed text" in response.content.decode()


def test_a_new_release_renders_every_fragment_afresh(reader):
    make_post("First", days_ago=2)
    make_post("Second", days_ago=1)
    reader.get("/")
    generation.new_release()
    with rendered() as names:
        reader.get("/")
    assert names.count(ENTRY) == 2


def test_without_the_cache_fragments_are_rendered(reader, post, cache_away):
    make_comment(post, body="A comment shown anyway.")
    assert "可以评论的文章" in text(reader.get("/"))
    assert "A comment shown anyway." in text(reader.get(post.get_absolute_url()))


def test_each_caches_equal_identities_once():
    computed = []

    def compute(index):
        computed.append(index)
        return f"value {index}"

    assert fragments.each("kind", [("a",), ("b",)], compute) == ["value 0", "value 1"]
    assert fragments.each("kind", [("b",), ("a",)], compute) == ["value 1", "value 0"]
    assert computed == [0, 1]


def test_digests_tell_apart_values_that_run_together():
    assert fragments.digest(["ab", "c"]) != fragments.digest(["a", "bc"])
    assert fragments.digest([["a"], "b"]) != fragments.digest(["a", ["b"]])
    assert fragments.digest([1]) != fragments.digest(["1"])
    assert fragments.digest(["x", None]) == fragments.digest(["x", None])
