"""No input from the network produces a 500: bad paths, queries, forms."""

import pytest
from django.test import Client

from comments import spam
from comments.models import Comment
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db

# Each hostile path and the one right answer: a 404 for what names nothing, a
# redirect to the post for an impossible date with its slug, and the page
# itself where only an ignored query parameter is odd.
HOSTILE_PATHS = {
    "/blog/2024/01/01/%00/": 404,
    "/blog/2024/01/01/a%00b/": 404,
    "/blog/2024/01/01/%FF%FE/": 404,
    "/blog/2024/01/01/%ED%A0%80/": 404,
    "/blog/9999/99/99/x/": 301,
    "/blog/0000/00/00/x/": 301,
    "/tags/%00/": 404,
    "/tags/%C0%AF/": 404,
    "/tags/" + "a" * 5000 + "/": 404,
    "/tags/x/page/99999999999999999999999/": 404,
    "/blog/categories/%00/": 404,
    "/blog/categories/' OR 1=1 --/": 404,
    "/page/%00/": 404,
    "/?page=%00": 200,
    "/?page=-1": 200,
    "/blog/archives/?x=%00": 200,
    "/%00": 404,
    "/..%2f..%2fetc/passwd": 404,
}


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def aged_token(post, monkeypatch):
    """A form token issued a minute ago: old enough that the timer lets it
    through, so the field under test decides the answer."""
    issued_at = spam.now() - 60
    with monkeypatch.context() as patch:
        patch.setattr(spam, "now", lambda: issued_at)
        return spam.issue_token(post.pk)


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_hostile_paths_get_their_one_right_answer(client, path):
    post = make_post("A post", slug="x", tags=["x"])
    response = client.get(path)
    assert response.status_code == HOSTILE_PATHS[path]
    if response.status_code == 301:
        assert response["Location"] == post.get_absolute_url()


@pytest.mark.parametrize(
    "fields, refused",
    [
        ({"name": "a\x00b", "email": "a@example.com", "body": "hi"}, {"name"}),
        ({"name": "a", "email": "a\x00@example.com", "body": "hi"}, {"email"}),
        ({"name": "a", "email": "a@example.com", "body": "hi\x00there"}, {"body"}),
        ({"name": "a", "email": "a@example.com", "body": "hi", "parent": "\x00"}, {"parent"}),
        (
            {"name": "a", "email": "a@example.com", "body": "hi", "website": "javascript:alert(1)"},
            {"website"},
        ),
        (
            {"name": "a" * 100_000, "email": "a@example.com", "body": "b" * 1_000_000},
            {"name", "body"},
        ),
        (
            {"name": "a", "email": "a@example.com", "body": "hi", "token": "\x00"},
            {"token", "__all__"},
        ),
    ],
)
def test_hostile_comment_fields_are_refused_by_that_field(client, monkeypatch, fields, refused):
    post = make_post("Open", slug="open")
    data = {"token": aged_token(post, monkeypatch), **fields}
    response = client.post(post.get_absolute_url(), data)
    assert response.status_code == 400
    assert set(response.context["comment_form"].errors) == refused
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_that_cannot_exist_becomes_a_comment_of_its_own(client, monkeypatch):
    post = make_post("Open", slug="open")
    data = {
        "token": aged_token(post, monkeypatch),
        "name": "a",
        "email": "a@example.com",
        "body": "hi",
        "parent": "99999999999999999999999",
    }
    response = client.post(post.get_absolute_url(), data)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == comment.get_absolute_url()
    assert comment.parent is None


def test_invalid_utf8_in_a_form_gets_a_400(client, monkeypatch):
    post = make_post("Open", slug="open")
    body = "name=%ED%A0%80&email=a%40example.com&body=%FF%FE&token=" + aged_token(post, monkeypatch)
    response = client.post(
        post.get_absolute_url(), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert set(response.context["comment_form"].errors) == {"name", "body"}


def test_huge_request_body_is_refused_cleanly(client):
    post = make_post("Open", slug="open")
    response = client.post(
        post.get_absolute_url(),
        "x=" + "a" * 3_000_000,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
