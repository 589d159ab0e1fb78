"""Reply notices: one email to a commenter who asked, with a link that unsubscribes."""

import re
import socket

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from comments.notices import unsubscribe_token
from comments.tests.factories import make_comment, page, submit

pytestmark = pytest.mark.django_db

REPLY = "同问，我也遇到了这个问题，后来发现是 selector 写错了。"


@pytest.fixture(autouse=True)
def _no_author_mail(settings):
    # Only reply notices in the outbox: the author's own notification is off.
    settings.BLOG_AUTHOR_EMAIL = ""


@pytest.fixture
def asker(post):
    """An approved comment whose author ticked "email me when someone replies"."""
    return make_comment(post, name="提问者", email="asker@example.com", notify_replies=True)


@pytest.fixture
def known_reader(post):
    """The reader who replies has been approved before: published at once."""
    return make_comment(post, name="小王", email="reader@example.com", body="earlier")


def reply(browser, post, clock, parent, **data):
    return submit(browser, post, clock, query=f"?replyto={parent.pk}", body=REPLY, **data)


def test_the_form_offers_the_notice_unticked(browser, post):
    form = page(browser.get(post.get_absolute_url())).select_one("#comment-form")
    box = form.select_one("input[type=checkbox][name=notify_replies]")
    assert not box.has_attr("checked")
    assert form.select_one(f"label[for={box['id']}]").text == "有人回复时发邮件给我"


def test_ticking_the_box_is_saved(browser, post, clock):
    submit(browser, post, clock, notify_replies="on")
    assert Comment.objects.get().notify_replies is True


def test_a_published_reply_mails_the_asker_once_with_a_working_unsubscribe_link(
    browser, post, clock, asker, known_reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = reply(browser, post, clock, asker)
    answer = Comment.objects.get(body=REPLY)
    assert response.status_code == 302 and answer.status == Comment.Status.APPROVED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["asker@example.com"]
    assert "小王" in message.subject and post.title in message.subject
    assert REPLY in message.body
    assert f"http://testserver{post.get_absolute_url()}#comment-{answer.pk}" in message.body
    # Nobody else's address is in it.
    assert "reader@example.com" not in message.body + message.subject
    link = re.search(r"http://testserver(/comments/unsubscribe/\S+/)", message.body).group(1)
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{link}>"

    done = Client().post(link)
    assert done.status_code == 200
    assert "不会再收到" in done.content.decode()
    asker.refresh_from_db()
    assert asker.notify_replies is False
    # The link still works later, and a new reply mails no one.
    assert Client().post(link).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        reply(browser, post, clock, asker)
    assert len(mail.outbox) == 1


def test_opening_the_link_only_asks_with_a_button_that_posts_back(asker):
    # Mail scanners open links: a GET must not unsubscribe anyone.
    url = reverse("comments:unsubscribe", args=[unsubscribe_token(asker)])
    response = Client().get(url)
    assert response.status_code == 200
    form = page(response).select_one("main form[method=post]")
    assert form.get("action") is None  # posts back to the link itself
    assert form.select_one("button[type=submit]").text == "退订"
    asker.refresh_from_db()
    assert asker.notify_replies is True


def test_the_confirmation_button_unsubscribes_without_a_csrf_token(asker):
    url = reverse("comments:unsubscribe", args=[unsubscribe_token(asker)])
    client = Client(enforce_csrf_checks=True)
    form = page(client.get(url)).select_one("main form[method=post]")
    fields = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    response = client.post(url, fields)
    assert response.status_code == 200
    assert "不会再收到" in response.content.decode()
    asker.refresh_from_db()
    assert asker.notify_replies is False


def test_one_click_unsubscribe_by_post_needs_no_csrf_token(asker):
    url = reverse("comments:unsubscribe", args=[unsubscribe_token(asker)])
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    asker.refresh_from_db()
    assert asker.notify_replies is False


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_unsubscribe_link_is_refused_clearly(client, asker, method):
    token = unsubscribe_token(asker)[:-2] + "xx"
    response = getattr(client, method)(reverse("comments:unsubscribe", args=[token]))
    assert response.status_code == 400
    assert "链接无效" in response.content.decode()
    assert page(response).select_one("main form") is None
    asker.refresh_from_db()
    assert asker.notify_replies is True


def test_no_email_to_a_commenter_who_did_not_ask(
    browser, post, clock, known_reader, django_capture_on_commit_callbacks
):
    quiet = make_comment(post, email="quiet@example.com", notify_replies=False)
    with django_capture_on_commit_callbacks(execute=True):
        reply(browser, post, clock, quiet)
        # Nor to one who answers their own comment.
        reply(browser, post, clock, known_reader)
    assert Comment.objects.filter(body=REPLY).count() == 2
    assert mail.outbox == []


def test_a_held_reply_mails_when_the_author_approves_it_and_only_once(
    staff_client, post, asker, django_capture_on_commit_callbacks
):
    answer = make_comment(post, parent=asker, status=Comment.Status.PENDING, body=REPLY)
    changelist = reverse("admin:comments_comment_changelist")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            staff_client.post(changelist, {"action": "approve", "_selected_action": [answer.pk]})
    assert [m.to for m in mail.outbox] == [["asker@example.com"]]
    assert REPLY in mail.outbox[0].body


def test_the_authors_reply_in_the_admin_counts(
    staff_client, post, asker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:comments_comment_add"),
            {
                "post": post.pk,
                "parent": asker.pk,
                "name": "Happy Coder",
                "email": "author@example.com",
                "website": "",
                "body": "作者的回答。",
                "status": Comment.Status.APPROVED,
            },
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["asker@example.com"]]
    assert "作者的回答。" in mail.outbox[0].body


def test_the_authors_reply_on_the_site_is_published_and_counts(
    staff_client, post, clock, asker, settings, django_capture_on_commit_callbacks
):
    settings.COMMENT_MODERATION = "all"
    with django_capture_on_commit_callbacks(execute=True):
        reply(staff_client, post, clock, asker, email="author@example.com")
    assert Comment.objects.get(body=REPLY).status == Comment.Status.APPROVED
    assert [m.to for m in mail.outbox] == [["asker@example.com"]]


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_failing_mail_server_leaves_the_reply_saved(
    browser, post, clock, asker, known_reader, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    with django_capture_on_commit_callbacks(execute=True):
        response = reply(browser, post, clock, asker)
    answer = Comment.objects.get(body=REPLY)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{answer.pk}")
    assert answer.status == Comment.Status.APPROVED
    assert "Could not send 1 reply notice(s)" in caplog.text


def test_a_failing_mail_server_does_not_stop_approving(
    staff_client, post, asker, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    answer = make_comment(post, parent=asker, status=Comment.Status.PENDING, body=REPLY)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:comments_comment_changelist"),
            {"action": "approve", "_selected_action": [answer.pk]},
        )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.status == Comment.Status.APPROVED
    assert "Could not send 1 reply notice(s)" in caplog.text


def test_links_in_the_notice_use_site_url(
    browser, post, clock, asker, known_reader, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://blog.example.com"
    with django_capture_on_commit_callbacks(execute=True):
        reply(browser, post, clock, asker)
    (message,) = mail.outbox
    assert "https://blog.example.com/comments/unsubscribe/" in message.body
    assert f"https://blog.example.com{post.get_absolute_url()}#comment-" in message.body
