"""Readers' comments: posting like a browser, anti-spam, moderation, display."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from posts.comments import spam
from posts.comments.models import Comment
from posts.tests.conftest import make_post

pytestmark = pytest.mark.django_db

LONG_TEXT = "我想问一下关于 Service 的问题。" * 20


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand."""

    class Clock:
        value = 1_800_000_000.0

        def advance(self, seconds):
            self.value += seconds

    fake = Clock()
    monkeypatch.setattr(spam, "now", lambda: fake.value)
    return fake


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0 test")


@pytest.fixture
def post():
    return make_post("可以评论的文章", slug="open-post")


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def body_value(html):
    """What a browser shows in the comment textarea (one leading newline is dropped)."""
    text = html.select_one("textarea[name=body]").text
    return text[1:] if text.startswith("\n") else text


def open_form(client, post, query=""):
    """GET the post like a browser and return the comment form's fields."""
    response = client.get(post.get_absolute_url() + query)
    assert response.status_code == 200
    form = page(response).select_one("form#comment-form")
    assert form is not None
    fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    return form["action"], fields


def submit(client, post, clock, wait=5, query="", **data):
    action, fields = open_form(client, post, query)
    clock.advance(wait)
    fields.update(
        {"name": "小王", "email": "reader@example.com", "website": "", "body": LONG_TEXT, **data}
    )
    return client.post(action, fields, REMOTE_ADDR=data.pop("ip", "10.0.0.1"))


def test_browser_like_post_is_pending_with_a_notice(browser, post, clock):
    response = submit(browser, post, clock)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert (comment.ip_address, comment.user_agent) == ("10.0.0.1", "Mozilla/5.0 test")
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    html = page(browser.get(post.get_absolute_url()))
    assert (
        "waiting for approval" in html.select_one(".messages").text.lower()
        or "等待审核" in html.text
    )
    own = html.select_one(f"#comment-{comment.pk}")
    assert own is not None and own.select_one(".pending-badge") is not None
    # Other readers do not see it, and counts ignore it.
    other = page(Client().get(post.get_absolute_url()))
    assert other.select_one(f"#comment-{comment.pk}") is None
    assert other.select_one("#comments h2").text.startswith("0")


def test_known_commenter_is_published_at_once(browser, post, clock, settings):
    settings.COMMENT_MODERATION = "known"
    make_comment(post, email="Reader@Example.com")
    submit(browser, post, clock)
    assert Comment.objects.latest("id").status == Comment.Status.APPROVED


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


def test_csrf_is_enforced(browser, post, clock):
    action, fields = open_form(browser, post)
    clock.advance(5)
    fields.pop("csrfmiddlewaretoken")
    fields.update(name="a", email="a@example.com", body="hello")
    assert browser.post(action, fields).status_code == 403
    assert not Comment.objects.exists()


def assert_rejected_with_text_kept(response, message, existing=0, status=400):
    assert response.status_code == status
    html = page(response)
    assert message in html.select_one("#comment-form").text
    assert body_value(html) == LONG_TEXT
    assert html.select_one("input[name=name]")["value"] == "小王"
    assert Comment.objects.count() == existing


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


def test_too_many_links_hold_for_moderation(browser, post, clock, settings):
    make_comment(post, email="reader@example.com")
    body = "see https://a.example and https://b.example and www.c.example"
    submit(browser, post, clock, body=body)
    assert Comment.objects.latest("id").status == Comment.Status.PENDING


def test_length_limit(browser, post, clock):
    response = submit(browser, post, clock, body="长" * (spam.MAX_BODY_LENGTH + 1))
    assert response.status_code == 400
    assert body_value(page(response)) == "长" * (spam.MAX_BODY_LENGTH + 1)
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


def make_comment(post, parent=None, status=Comment.Status.APPROVED, **fields):
    fields.setdefault("name", "Reader")
    fields.setdefault("email", "someone@example.com")
    fields.setdefault("body", "A comment.")
    return Comment.objects.create(post=post, parent=parent, status=status, **fields)


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


def test_a_form_is_good_for_one_comment(browser, post, clock, settings):
    settings.LANGUAGE_CODE = "en"
    action, fields = open_form(browser, post)
    clock.advance(5)
    fields.update(name="小王", email="reader@example.com", body=LONG_TEXT)
    assert browser.post(action, fields, REMOTE_ADDR="10.0.0.1").status_code == 302
    response = browser.post(action, fields, REMOTE_ADDR="10.0.0.1")
    assert_rejected_with_text_kept(response, "already sent", existing=1)


def test_name_is_one_line_and_user_agent_has_no_control_characters(post, clock):
    client = Client(HTTP_USER_AGENT="Bot\x00/1.0\r\nX: y")
    submit(client, post, clock, name="Evil\nBcc: x@example.com")
    comment = Comment.objects.get()
    assert comment.name == "Evil Bcc: x@example.com"
    assert comment.user_agent == "Bot/1.0X: y"


def test_rate_limit_counts_an_ipv6_subnet_as_one_address(browser, post, clock):
    for number in range(spam.BURST_LIMIT[0]):
        assert submit(browser, post, clock, ip=f"2001:db8:5:6::{number + 1}").status_code == 302
    assert submit(browser, post, clock, ip="2001:db8:5:6::99").status_code == 429
    assert submit(browser, post, clock, ip="2001:db8:5:7::1").status_code == 302


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


def test_admin_lists_pending_first_and_moderates(staff_client, post):
    approved = make_comment(post, body="approved one")
    pending = make_comment(post, status="pending", body="pending one")
    response = staff_client.get(reverse("admin:posts_comment_changelist"))
    rows = [str(obj.pk) for obj in response.context["cl"].result_list]
    assert rows[0] == str(pending.pk)
    index = staff_client.get(reverse("admin:index")).content.decode()
    assert "1 条评论等待审核" in index or "1 comment is waiting" in index
    for action, status in [("mark_spam", "spam"), ("remove", "removed"), ("approve", "approved")]:
        staff_client.post(
            reverse("admin:posts_comment_changelist"),
            {"action": action, "_selected_action": [pending.pk, approved.pk]},
        )
        assert set(Comment.objects.values_list("status", flat=True)) == {status}


def test_staff_previewing_a_draft_cannot_comment_on_it(staff_client):
    draft = make_post("Draft", status="draft")
    assert staff_client.get(draft.get_absolute_url()).status_code == 200
    response = staff_client.post(
        draft.get_absolute_url(),
        {"name": "x", "email": "x@example.com", "body": "hi", "token": spam.issue_token(draft.pk)},
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()
