"""CSRF tokens for cached pages (posts.pagecache.csrf)."""

import pytest
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CSRF_TOKEN_LENGTH,
    CsrfViewMiddleware,
    _unmask_cipher_token,
)
from django.test import RequestFactory

from posts.pagecache.csrf import get_token


def csrf_view_middleware():
    return CsrfViewMiddleware(lambda request: None)


def test_a_reader_without_a_cookie_gets_a_new_secret_and_a_token_that_unmasks_to_it():
    request = RequestFactory().get("/")
    csrf_view_middleware().process_request(request)
    token = get_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == CSRF_SECRET_LENGTH and set(secret) <= set(CSRF_ALLOWED_CHARS)
    assert len(token) == CSRF_TOKEN_LENGTH and set(token) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_a_reader_with_a_cookie_keeps_its_secret_and_gets_a_new_mask_each_time():
    secret = "a" * 16 + "Z9" * 8
    request = RequestFactory().get("/", HTTP_COOKIE=f"csrftoken={secret}")
    csrf_view_middleware().process_request(request)
    tokens = {get_token(request) for _ in range(5)}
    assert len(tokens) == 5
    assert {_unmask_cipher_token(token) for token in tokens} == {secret}
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


@pytest.mark.parametrize("has_cookie", [False, True])
def test_django_accepts_a_post_with_the_token(has_cookie):
    request = RequestFactory().get("/", HTTP_COOKIE="csrftoken=" + "q" * 32 if has_cookie else "")
    middleware = csrf_view_middleware()
    middleware.process_request(request)
    token = get_token(request)
    post = RequestFactory().post(
        "/", {"csrfmiddlewaretoken": token}, HTTP_COOKIE=f"csrftoken={request.META['CSRF_COOKIE']}"
    )
    middleware.process_request(post)
    assert middleware.process_view(post, lambda request: None, (), {}) is None  # not refused


def test_secrets_are_drawn_from_every_character():
    request = RequestFactory().get("/")
    seen = set()
    for _ in range(60):
        request.META.pop("CSRF_COOKIE", None)
        get_token(request)
        seen.update(request.META["CSRF_COOKIE"])
    assert seen == set(CSRF_ALLOWED_CHARS)
