"""Styled error pages, and those that give a reader back what they were sending
(blog/errors.py)."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from posts import views
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_a_comment_without_its_csrf_cookie_comes_back_on_a_styled_page():
    browser = Client(enforce_csrf_checks=True)
    post = make_post("Open")
    typed = {"name": "小王", "email": "a@example.com", "body": "我写的评论\n第二行", "token": "t"}
    response = browser.post(post.get_absolute_url(), typed)
    assert response.status_code == 403
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("h1").text.startswith("403")
    form = html.select_one("form#comment-form")
    assert form["action"] == post.get_absolute_url() + "#comment-form"
    assert form.select_one("textarea[name=body]").text.lstrip("\n") == typed["body"]
    assert form.select_one("input[name=name]")["value"] == "小王"
    assert form.select_one("input[name=token]")["value"] == "t"
    assert html.select("[style], style") == []


def test_styled_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert (
        BeautifulSoup(response.content, "html.parser").select_one("header.site-header") is not None
    )


def test_server_errors_get_the_styled_500_page(client, monkeypatch):
    def broken(self, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.ArchiveView, "get_queryset", broken)
    client.raise_request_exception = False
    response = client.get(reverse("posts:archives"))
    assert response.status_code == 500
    html = BeautifulSoup(response.content, "html.parser")
    assert "服务器" in html.select_one("h1").text
    assert html.select_one('link[rel="stylesheet"]')["href"].endswith("site.css")
