"""Headless Chromium finds nothing the Content-Security-Policy blocks, on
reader pages and in the admin (the header itself: tests/test_headers.py)."""

import pytest

from comments.models import Comment
from posts.tests.factories import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLE_AND_CODE = "| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n```go\nfunc main() {}\n```\n"


@pytest.fixture
def site(django_user_model):
    post = make_post("表格与代码", slug="table", body=TABLE_AND_CODE, tags=["go"])
    Comment.objects.create(
        post=post, name="读者", email="r@example.com", body="好", status="approved"
    )
    django_user_model.objects.create_superuser("author", "a@example.com", "pw-author-9")
    return post


def watch(page):
    """Collect what the browser reports as refused by the policy."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def test_no_page_breaks_the_policy(live_server, new_page, site):
    page = new_page(viewport={"width": 1280, "height": 900})
    refused = watch(page)
    for path in ["/", site.get_absolute_url(), "/tags/", "/blog/archives/", "/search/?q=表格"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "author")
    page.fill("#id_password", "pw-author-9")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    for path in [
        "/admin/",
        "/admin/posts/post/",
        f"/admin/posts/post/{site.pk}/change/",
        "/admin/comments/comment/",
        "/admin/taggit/tag/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
    # The editor's live preview draws the rendered post into the page.
    page.goto(live_server.url + f"/admin/posts/post/{site.pk}/change/")
    page.locator(".md-preview-body .highlight").first.wait_for()
    assert refused == []
