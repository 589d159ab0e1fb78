"""No input from the network produces a 500: bad paths, queries, forms."""

import time

import pytest
from django.test import Client

from comments import spam
from comments.models import Comment
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db

HOSTILE_PATHS = [
    "/blog/2024/01/01/%00/",
    "/blog/2024/01/01/a%00b/",
    "/blog/2024/01/01/%FF%FE/",
    "/blog/2024/01/01/%ED%A0%80/",
    "/blog/9999/99/99/x/",
    "/blog/0000/00/00/x/",
    "/tags/%00/",
    "/tags/%C0%AF/",
    "/tags/" + "a" * 5000 + "/",
    "/tags/x/page/99999999999999999999999/",
    "/blog/categories/%00/",
    "/blog/categories/' OR 1=1 --/",
    "/page/%00/",
    "/?page=%00",
    "/?page=-1",
    "/blog/archives/?x=%00",
    "/%00",
    "/..%2f..%2fetc/passwd",
]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_hostile_paths_get_a_4xx_or_a_page(client, path):
    make_post("A post", slug="x", tags=["x"])
    response = client.get(path)
    assert response.status_code in {200, 301, 302, 400, 404}, (path, response.status_code)


@pytest.fixture
def old_token(monkeypatch):
    """A genuine token issued a minute ago: past the timer, so the fields decide."""
    issued_at = time.time() - 60

    def make(post):
        with monkeypatch.context() as patched:
            patched.setattr(spam, "now", lambda: issued_at)
            return spam.issue_token(post.pk)

    return make


NULL = "Null characters are not allowed."


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"name": "a\x00b", "email": "a@example.com", "body": "hi"}, {"name": [NULL]}),
        (
            {"name": "a", "email": "a\x00@example.com", "body": "hi"},
            {"email": ["Enter a valid email address.", NULL]},
        ),
        ({"name": "a", "email": "a@example.com", "body": "hi\x00there"}, {"body": [NULL]}),
        (
            {"name": "a", "email": "a@example.com", "body": "hi", "parent": "\x00"},
            {"parent": [NULL]},
        ),
        (
            {"name": "a", "email": "a@example.com", "body": "hi", "website": "javascript:alert(1)"},
            {"website": ["Enter a valid URL."]},
        ),
        (
            {"name": "a" * 100_000, "email": "a@example.com", "body": "b" * 1_000_000},
            {
                "name": ["Ensure this value has at most 80 characters (it has 100000)."],
                "body": ["Ensure this value has at most 5000 characters (it has 1000000)."],
            },
        ),
        (
            {"token": "\x00"},
            {
                "name": ["This field is required."],
                "email": ["This field is required."],
                "body": ["This field is required."],
                "token": [NULL],
                "__all__": ["The form could not be verified. Please submit it again."],
            },
        ),
    ],
)
def test_hostile_comment_fields_get_a_400_naming_the_field(
    client, english, old_token, fields, errors
):
    post = make_post("Open", slug="open")
    response = client.post(post.get_absolute_url(), {"token": old_token(post), **fields})
    assert response.status_code == 400
    assert response.context["comment_form"].errors == errors
    assert not Comment.objects.exists()


def test_a_reply_to_a_nonsense_parent_becomes_a_comment_of_its_own(client, old_token):
    post = make_post("Open", slug="open")
    fields = {"name": "a", "email": "a@example.com", "body": "hi", "parent": "9" * 23}
    response = client.post(post.get_absolute_url(), {"token": old_token(post), **fields})
    assert response.status_code == 302
    assert Comment.objects.get().parent is None


def test_invalid_utf8_in_a_form_is_read_with_replacement_characters(client, old_token):
    # Browsers never send this; Django decodes it as U+FFFD rather than fail.
    post = make_post("Open", slug="open")
    body = "name=%ED%A0%80&email=a%40example.com&body=%FF%FE&token=" + old_token(post)
    response = client.post(
        post.get_absolute_url(), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.name, comment.body) == ("\ufffd\ufffd\ufffd", "\ufffd\ufffd")


def test_huge_request_body_is_refused_cleanly(client):
    post = make_post("Open", slug="open")
    response = client.post(
        post.get_absolute_url(),
        "x=" + "a" * 3_000_000,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
