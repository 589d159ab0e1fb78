"""Who is published at once, who waits, and the author's notification."""

import pytest
from django.core import mail
from django.test import Client

from comments.models import Comment
from comments.tests.factories import LONG_TEXT, make_comment, messages_of, submit

pytestmark = pytest.mark.django_db


def test_known_commenter_is_published_at_once(browser, post, clock, settings):
    settings.COMMENT_MODERATION = "known"
    make_comment(post, name="小王", email="Reader@Example.com")
    submit(browser, post, clock)
    assert Comment.objects.latest("id").status == Comment.Status.APPROVED


def test_known_name_matches_without_regard_to_case(browser, post, clock, settings):
    settings.COMMENT_MODERATION = "known"
    make_comment(post, name="Jane Doe", email="reader@example.com")
    submit(browser, post, clock, name="jane  DOE")
    assert Comment.objects.latest("id").status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    "known",
    [
        {"name": "Someone Else", "email": "reader@example.com"},
        {"name": "小王", "email": "other@example.com"},
        {"name": "小王", "email": "reader@example.com", "status": Comment.Status.PENDING},
    ],
)
def test_a_name_or_an_address_alone_is_not_known(browser, post, clock, settings, known):
    settings.COMMENT_MODERATION = "known"
    make_comment(post, **known)
    submit(browser, post, clock)
    assert Comment.objects.latest("id").status == Comment.Status.PENDING


def _answer(post, clock, email, ip):
    """What a reader is told on posting: status, where to, and the messages shown there."""
    client = Client()
    response = submit(client, post, clock, email=email, ip=ip)
    assert response.status_code == 302
    shown = client.get(response["Location"])
    return response.status_code, response["Location"].split("#")[0], messages_of(shown)


def test_the_answer_does_not_tell_whether_an_address_is_known(post, clock, settings):
    settings.COMMENT_MODERATION = "known"
    settings.LANGUAGE_CODE = "en"
    make_comment(post, name="Regular", email="regular@example.com")
    from_unknown_address = _answer(post, clock, "stranger@example.com", "10.0.0.1")
    from_known_address = _answer(post, clock, "regular@example.com", "10.0.0.2")
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 2
    assert from_known_address == from_unknown_address
    assert from_unknown_address[2] == [
        "Thank you! Your comment is waiting for approval and will appear once approved."
    ]


def test_moderation_all_holds_even_known_commenters(browser, post, clock, settings):
    settings.COMMENT_MODERATION = "all"
    make_comment(post, email="reader@example.com")
    submit(browser, post, clock)
    assert Comment.objects.latest("id").status == Comment.Status.PENDING


def test_author_gets_an_email(browser, post, clock, settings, django_capture_on_commit_callbacks):
    settings.BLOG_AUTHOR_EMAIL = "author@example.com"
    with django_capture_on_commit_callbacks(execute=True):
        submit(browser, post, clock)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["author@example.com"]
    assert "小王" in message.subject and LONG_TEXT in message.body


def test_too_many_links_hold_for_moderation(browser, post, clock, settings):
    make_comment(post, email="reader@example.com")
    body = "see https://a.example and https://b.example and www.c.example"
    submit(browser, post, clock, body=body)
    assert Comment.objects.latest("id").status == Comment.Status.PENDING


def test_links_in_the_email_never_carry_a_foreign_port(
    browser, post, clock, settings, django_capture_on_commit_callbacks
):
    settings.BLOG_AUTHOR_EMAIL = "author@example.com"
    settings.ALLOWED_HOSTS = ["localhost"]
    browser.defaults["HTTP_HOST"] = "localhost:6666"
    with django_capture_on_commit_callbacks(execute=True):
        submit(browser, post, clock)
    comment = Comment.objects.get()
    assert f"Post: http://localhost{comment.get_absolute_url()}\n" in mail.outbox[0].body
    assert "6666" not in mail.outbox[0].body
    settings.SITE_URL = "https://blog.example.com"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(browser, post, clock, body="Another comment.")
    assert "Moderate: https://blog.example.com/admin/comments/comment/" in mail.outbox[0].body
