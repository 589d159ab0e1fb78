"""Posting a comment like a browser, replies, display and counts on the post page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments import spam
from comments.models import Comment
from comments.tests.factories import LONG_TEXT, body_value, make_comment, open_form, page, submit
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_browser_like_post_is_pending_with_a_notice(browser, post, clock):
    response = submit(browser, post, clock)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert (comment.ip_address, comment.user_agent) == ("10.0.0.1", "Mozilla/5.0 test")
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    html = page(browser.get(post.get_absolute_url()))
    assert "等待审核" in html.select_one(".messages").text
    own = html.select_one(f"#comment-{comment.pk}")
    assert own is not None and own.select_one(".pending-badge") is not None
    # Other readers do not see it, and counts ignore it.
    other = page(Client().get(post.get_absolute_url()))
    assert other.select_one(f"#comment-{comment.pk}") is None
    assert other.select_one("#comments h2").text.startswith("0")


def test_csrf_is_enforced(browser, post, clock):
    action, fields = open_form(browser, post)
    clock.advance(5)
    fields.pop("csrfmiddlewaretoken")
    fields.update(name="a", email="a@example.com", body="hello")
    assert browser.post(action, fields).status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "field,value", [("name", ""), ("email", "not-an-email"), ("body", ""), ("website", "x y")]
)
def test_invalid_fields_keep_the_rest(browser, post, clock, field, value):
    response = submit(browser, post, clock, **{field: value})
    assert response.status_code == 400
    html = page(response)
    assert html.select_one(f"[name={field}]").find_parent("p")["class"] == ["field", "has-error"]
    if field != "body":
        assert body_value(html) == LONG_TEXT


def test_closed_posts_refuse(browser, clock):
    closed = make_post("Closed", comments_open=False)
    html = page(browser.get(closed.get_absolute_url()))
    assert html.select_one("#comment-form") is None
    assert html.select_one(".comments-closed") is not None
    response = Client().post(
        closed.get_absolute_url(),
        {"name": "x", "email": "x@example.com", "body": "hi", "token": spam.issue_token(closed.pk)},
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_drafts_take_no_comments(clock):
    draft = make_post("Draft", status="draft")
    response = Client().post(draft.get_absolute_url(), {"name": "x"})
    assert response.status_code == 404


def test_replies_are_threaded_one_level(browser, post, clock, settings):
    settings.COMMENT_MODERATION = "known"
    top = make_comment(post, email="reader@example.com")
    reply = make_comment(post, parent=top, body="A reply.")
    response = submit(browser, post, clock, query=f"?replyto={reply.pk}", parent=str(reply.pk))
    assert response.status_code == 302
    newest = Comment.objects.latest("id")
    # A reply to a reply goes under the top-level comment.
    assert newest.parent == top
    html = page(browser.get(post.get_absolute_url()))
    thread = html.select_one(f"#comment-{top.pk}").find_parent("li")
    replies = [a["id"] for a in thread.select(".comment-replies article")]
    assert replies == [f"comment-{reply.pk}", f"comment-{newest.pk}"]


@pytest.mark.parametrize("parent", ["foreign", "424242", "abc", "²", "9" * 5000, "gone"])
def test_a_reply_to_an_unavailable_comment_is_posted_on_its_own(browser, post, clock, parent):
    values = {
        "foreign": lambda: str(make_comment(make_post("Other")).pk),
        "gone": lambda: str(make_comment(post, status=Comment.Status.REMOVED).pk),
    }
    response = submit(browser, post, clock, parent=values.get(parent, lambda: parent)())
    assert response.status_code == 302
    comment = Comment.objects.filter(post=post).latest("id")
    assert (comment.parent, comment.body) == (None, LONG_TEXT)


@pytest.mark.parametrize("value", ["²", "9" * 5000, "-1", "1e3"])
def test_odd_reply_links_are_ignored(client, post, value):
    response = client.get(post.get_absolute_url(), {"replyto": value})
    assert response.status_code == 200
    assert page(response).select_one("input[name=parent]").get("value", "") == ""


def test_name_is_one_line_and_user_agent_has_no_control_characters(post, clock):
    client = Client(HTTP_USER_AGENT="Bot\x00/1.0\r\nX: y")
    submit(client, post, clock, name="Evil\nBcc: x@example.com")
    comment = Comment.objects.get()
    assert comment.name == "Evil Bcc: x@example.com"
    assert comment.user_agent == "Bot/1.0X: y"


def test_counts_are_approved_only_everywhere(client, post):
    make_comment(post)
    make_comment(post)
    for status in ["pending", "spam", "removed"]:
        make_comment(post, status=status)
    link = f'a[href="{post.get_absolute_url()}#comments"]'
    for url in ["/", post.get_absolute_url()]:
        html = page(client.get(url))
        assert html.select_one(link).text.strip() == "2 条评论"
    post.tags.set(["k8s"])
    html = page(client.get(reverse("posts:tag", kwargs={"slug": "k8s"})))
    assert html.select_one(link).text.strip() == "2 条评论"
    assert page(client.get(post.get_absolute_url())).select_one("#comments h2").text == "2 条评论"


def test_a_reader_seeing_their_own_pending_comment_sees_the_approved_count(post, clock):
    make_comment(post)
    reader = Client()
    submit(reader, post, clock)  # waits for approval: shown to its writer only
    html = page(reader.get(post.get_absolute_url()))
    assert len(html.select("#comments .comment")) == 2
    assert html.select_one("#comments h2").text == "1 条评论"
    link = f'a[href="{post.get_absolute_url()}#comments"]'
    assert html.select_one(link).text.strip() == "1 条评论"


def test_comment_display_has_permalink_and_no_email(client, post):
    comment = make_comment(post, email="secret@example.com", website="https://me.example")
    html = page(client.get(post.get_absolute_url()))
    article = html.select_one(f"#comment-{comment.pk}")
    assert article.select_one(".comment-permalink")["href"] == f"#comment-{comment.pk}"
    assert article.select_one(".avatar").text == "R"
    assert article.select_one(".comment-author a")["rel"] == ["nofollow", "ugc", "noopener"]
    assert "secret@example.com" not in client.get(post.get_absolute_url()).content.decode()


def test_post_page_queries_do_not_grow_with_comments(client, post):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(post.get_absolute_url()).status_code == 200
        return len(captured)

    top = make_comment(post)
    one = count()
    for number in range(50):
        parent = make_comment(post, body=f"c{number}")
        make_comment(post, parent=parent if number % 2 else top, body=f"r{number}")
    assert count() == one


def test_staff_previewing_a_draft_cannot_comment_on_it(staff_client):
    draft = make_post("Draft", status="draft")
    assert staff_client.get(draft.get_absolute_url()).status_code == 200
    response = staff_client.post(
        draft.get_absolute_url(),
        {"name": "x", "email": "x@example.com", "body": "hi", "token": spam.issue_token(draft.pk)},
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()
