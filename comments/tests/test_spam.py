"""Anti-spam rules: each rejects with everything the reader typed kept."""

import pytest
from django.test import Client

from comments import spam
from comments.models import Comment
from comments.tests.factories import (
    LONG_TEXT,
    assert_rejected_with_text_kept,
    body_value,
    open_form,
    page,
    submit,
)
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_honeypot_rejects(browser, post, clock, settings):
    settings.LANGUAGE_CODE = "en"
    response = submit(browser, post, clock, homepage="http://spam.example")
    assert_rejected_with_text_kept(response, "looks automated")


def test_too_fast_rejects_then_the_same_form_works(browser, post, clock, settings):
    settings.LANGUAGE_CODE = "en"
    response = submit(browser, post, clock, wait=1)
    assert_rejected_with_text_kept(response, "That was quick")
    fields = {
        field["name"]: field.get("value", "")
        for field in page(response).select("#comment-form input[name]")
    }
    clock.advance(5)
    fields.update(body=LONG_TEXT)
    assert browser.post(post.get_absolute_url(), fields, REMOTE_ADDR="10.0.0.1").status_code == 302


def test_stale_form_rejects(browser, post, clock, settings):
    settings.LANGUAGE_CODE = "en"
    response = submit(browser, post, clock, wait=3 * 24 * 3600)
    assert_rejected_with_text_kept(response, "expired")


@pytest.mark.parametrize("token", ["", "forged", "1:1800000000:bad"])
def test_forged_token_rejects(browser, post, clock, settings, token):
    settings.LANGUAGE_CODE = "en"
    response = submit(browser, post, clock, token=token)
    assert_rejected_with_text_kept(response, "could not be verified")


def test_token_for_another_post_rejects(browser, post, clock, settings):
    settings.LANGUAGE_CODE = "en"
    other = make_post("Other")
    response = submit(browser, post, clock, token=spam.issue_token(other.pk))
    assert_rejected_with_text_kept(response, "could not be verified")


def test_rate_limit_per_address(browser, post, clock, settings):
    settings.LANGUAGE_CODE = "en"
    limit = spam.BURST_LIMIT[0]
    for _ in range(limit):
        assert submit(browser, post, clock).status_code == 302
    Comment.objects.all().delete()
    response = submit(browser, post, clock)
    assert_rejected_with_text_kept(response, "short time", status=429)
    # Another address is not affected.
    assert submit(browser, post, clock, ip="10.0.0.2").status_code == 302


def test_fixing_mistakes_does_not_count_against_the_rate_limit(browser, post, clock):
    for _ in range(spam.BURST_LIMIT[0] + 2):
        assert submit(browser, post, clock, email="").status_code == 400
    assert submit(browser, post, clock).status_code == 302


def test_length_limit(browser, post, clock):
    response = submit(browser, post, clock, body="长" * (spam.MAX_BODY_LENGTH + 1))
    assert response.status_code == 400
    assert body_value(page(response)) == "长" * (spam.MAX_BODY_LENGTH + 1)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "body", ["1. " * 500, "+ " * 500, "> " * 400, "[" * 2500 + "]" * 2500, "- - - " * 10]
)
def test_deeply_nested_markdown_is_refused_with_the_text_kept(browser, post, clock, settings, body):
    settings.LANGUAGE_CODE = "en"
    response = submit(browser, post, clock, body=body)
    assert response.status_code == 400
    assert "nested too deeply" in page(response).select_one("#comment-form").text
    assert body_value(page(response)) == body
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"homepage": "http://spam.example"}, "looks automated"),
        ({"token": "forged"}, "could not be verified"),
        ({"wait": 1}, "That was quick"),
    ],
)
def test_the_body_is_not_examined_before_the_cheap_checks_pass(
    browser, post, clock, settings, monkeypatch, fields, message
):
    settings.LANGUAGE_CODE = "en"

    def must_not_run(text):
        raise AssertionError("the body was examined first")

    monkeypatch.setattr(spam, "too_deeply_nested", must_not_run)
    response = submit(browser, post, clock, body="1. " * 500, **fields)
    assert response.status_code == 400
    assert message in page(response).select_one("#comment-form").text
    assert not Comment.objects.exists()


def test_a_form_is_good_for_one_comment(browser, post, clock):
    action, fields = open_form(browser, post)
    clock.advance(5)
    fields.update(name="小王", email="reader@example.com", body=LONG_TEXT)
    first = browser.post(action, fields, REMOTE_ADDR="10.0.0.1")
    # Sent again (a double click, a reload): the same answer, no second comment.
    again = browser.post(action, fields, REMOTE_ADDR="10.0.0.1")
    comment = Comment.objects.get()
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] == comment.get_absolute_url()


def test_a_form_sent_before_without_a_comment_is_refused(
    browser, post, clock, settings, monkeypatch
):
    settings.LANGUAGE_CODE = "en"
    action, fields = open_form(browser, post)
    clock.advance(5)
    spam.consume_token(fields["token"])  # taken by a submission that never finished
    monkeypatch.setattr(spam, "DUPLICATE_WAIT_SECONDS", 0)
    fields.update(name="小王", email="reader@example.com", body=LONG_TEXT)
    response = browser.post(action, fields, REMOTE_ADDR="10.0.0.1")
    assert_rejected_with_text_kept(response, "already sent")


def test_every_form_shown_gets_its_own_token(client, post, clock):
    # The same post, the same second: still two different one-use tokens.
    tokens = {open_form(Client(), post)[1]["token"] for _ in range(5)}
    assert len(tokens) == 5


def test_rate_limit_counts_an_ipv6_subnet_as_one_address(browser, post, clock):
    for number in range(spam.BURST_LIMIT[0]):
        assert submit(browser, post, clock, ip=f"2001:db8:5:6::{number + 1}").status_code == 302
    assert submit(browser, post, clock, ip="2001:db8:5:6::99").status_code == 429
    assert submit(browser, post, clock, ip="2001:db8:5:7::1").status_code == 302


def test_without_the_cache_comments_are_taken_and_held_for_a_person(
    browser, post, clock, settings, cache_away
):
    settings.COMMENT_MODERATION = "known"
    Comment.objects.create(
        post=post, name="小王", email="reader@example.com", body="Earlier.", status="approved"
    )
    # Neither the rate limit nor the one-use token can be enforced: every
    # comment is kept, a known commenter's too, but none is shown before a
    # person has looked at it.
    action, fields = open_form(browser, post)
    clock.advance(5)
    fields.update(name="小王", email="reader@example.com", body=LONG_TEXT)
    for _ in range(spam.BURST_LIMIT[0] + 1):
        assert browser.post(action, fields, REMOTE_ADDR="10.0.0.1").status_code == 302
    held = Comment.objects.filter(body=LONG_TEXT)
    assert [comment.status for comment in held] == ["pending"] * (spam.BURST_LIMIT[0] + 1)
    assert spam.check_rate("10.0.0.1") is False
    assert spam.consume_token(fields["token"]) is False
