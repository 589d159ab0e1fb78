"""Helpers for the comment tests: a reader posting through the real form."""

from bs4 import BeautifulSoup

from comments.models import Comment

LONG_TEXT = "我想问一下关于 Service 的问题。" * 20


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def messages_of(response):
    """The texts of the messages a page shows, in order."""
    return [item.text.strip() for item in page(response).select(".messages li")]


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


def assert_rejected_with_text_kept(response, message, existing=0, status=400):
    assert response.status_code == status
    html = page(response)
    assert message in html.select_one("#comment-form").text
    assert body_value(html) == LONG_TEXT
    assert html.select_one("input[name=name]")["value"] == "小王"
    assert Comment.objects.count() == existing


def make_comment(post, parent=None, status=Comment.Status.APPROVED, **fields):
    fields.setdefault("name", "Reader")
    fields.setdefault("email", "someone@example.com")
    fields.setdefault("body", "A comment.")
    return Comment.objects.create(post=post, parent=parent, status=status, **fields)
