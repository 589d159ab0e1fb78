from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from comments.models import Comment
from importers.disqus import import_disqus
from importers.tests.factories import EXPORT, SITE
from posts.models import OriginalURL, Post
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts():
    call_command("import_jekyll", str(SITE), stdout=StringIO())


def run(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("import_disqus", str(EXPORT), *args, stdout=out)
    return out.getvalue()


def test_comments_land_under_their_posts_with_replies_flattened(posts):
    out = run()
    assert out.splitlines()[0] == (
        "Comments: 7 created, 5 of them replies, 1 deleted, not imported, "
        "1 spam, not imported, 1 duplicates, not imported, 1 in threads without a post."
    )
    hello = Post.objects.get(slug="Hello.World:Again-")
    comments = list(hello.comments.order_by("created_at"))
    assert [c.name for c in comments] == ["Alice", "Owner", "Bob", "Carol", "Erin", "Frank"]
    alice = comments[0]
    assert alice.parent is None
    # Five levels deep in Disqus, one level here, in date order; a reply under
    # a deleted comment and one on the old WordPress thread included.
    assert all(c.parent_id == alice.pk for c in comments[1:])
    assert all(c.status == Comment.Status.APPROVED for c in comments)
    assert alice.body == "Great post!\n\nSee [the docs](https://example.net/docs)."
    assert '<a href="https://example.net/docs" rel="nofollow ugc noopener">' in alice.body_html
    assert alice.email == "alice@example.com" and alice.ip_address == "198.51.100.7"
    assert alice.source_id == "disqus:301"
    assert alice.created_at.isoformat() == "2013-09-07T02:00:00+00:00"
    assert comments[2].ip_address is None  # "not-an-ip"
    assert comments[3].body == "Level four,\ntwo lines." and comments[3].ip_address == "2001:db8::1"
    assert not Comment.objects.filter(name__in=["Dave", "Spammer", "Gina"]).exists()


def test_percent_encoded_thread_without_leading_slash_and_a_comment_without_id(posts):
    run()
    comment = Post.objects.get(slug="%E4%B8%AD%E6%96%87").comments.get()
    assert comment.name == "读者" and comment.body == "写得好 👍 谢谢分享 🎉"
    assert comment.email == "" and comment.ip_address is None
    assert comment.source_id.startswith("disqus:h:")


def test_unmatched_threads_are_listed_and_title_matches_reported(posts):
    out = run()
    assert (
        "  http://blog.example.com/about/: not placed: no post at this address (1 comment)" in out
    )
    assert "http://old.example.com/?p=12: matched by its title to " in out
    assert "zhong-wen-fen-lei" not in out  # a thread without comments is not news


def test_importing_again_changes_nothing(posts):
    run()
    before = list(Comment.objects.values_list("pk", "parent_id", "body", "created_at"))
    out = run()
    assert out.startswith("Comments: 7 unchanged,")
    assert list(Comment.objects.values_list("pk", "parent_id", "body", "created_at")) == before


def test_a_moderators_decision_survives_a_second_import(posts):
    run()
    Comment.objects.filter(name="Bob").update(status=Comment.Status.SPAM, body="edited")
    run()
    bob = Comment.objects.get(name="Bob")
    assert bob.status == Comment.Status.SPAM and bob.body == "Level three."


def test_dry_run_saves_nothing(posts):
    out = run("--dry-run")
    assert out.startswith("Dry run, nothing was saved. Comments: 7 created,")
    assert not Comment.objects.exists()


def test_queries_are_bounded_per_comment(posts):
    with CaptureQueriesContext(connection) as queries:
        import_disqus(EXPORT.read_bytes())
    # Posts, recorded addresses and existing comments are read once; then
    # one INSERT per comment.
    assert len(queries) <= 5 + Comment.objects.count()
    with CaptureQueriesContext(connection) as again:
        import_disqus(EXPORT.read_bytes())
    assert len(again) <= 5


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<disqus><post>", "not well-formed XML"),
        (b"<rss/>", "the root element is not <disqus>"),
        (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b"<disqus>&b;</disqus>",
            "DOCTYPE and ENTITY declarations are not allowed",
        ),
        (
            b'<!DOCTYPE d SYSTEM "file:///etc/passwd"><disqus/>',
            "DOCTYPE and ENTITY declarations are not allowed",
        ),
    ],
)
def test_bad_files_are_reported_not_raised(data, reason):
    with translation.override("en"):
        report = import_disqus(data, name="x.xml")
    assert report.skipped[0].name == "x.xml" and reason in report.skipped[0].message


def test_a_comment_under_a_post_made_here():
    post = make_post("Made here", slug="made-here")
    path = post.get_absolute_url()
    xml = f"""<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
      <thread dsq:id="1"><link>https://other.host{path.rstrip("/")}</link><title>t</title></thread>
      <post dsq:id="2"><message>&lt;p&gt;Hi&lt;/p&gt;</message>
        <createdAt>2020-01-01T00:00:00Z</createdAt><isDeleted>false</isDeleted>
        <isSpam>false</isSpam><author><name>{"N" * 200}</name></author>
        <thread dsq:id="1"/><parent dsq:id="999"/></post>
      <post dsq:id="2"><message>Listed twice</message>
        <createdAt>2020-01-02T00:00:00Z</createdAt><thread dsq:id="1"/></post>
      <post dsq:id="3"><message>No date</message><thread dsq:id="1"/></post>
    </disqus>""".encode()
    with translation.override("en"):
        report = import_disqus(xml)
    comment = post.comments.get()
    assert comment.body == "Hi" and comment.parent is None and len(comment.name) == 80
    assert [str(note) for note in report.skipped] == ["disqus:3: no valid date"]
    assert report.counts["duplicates"] == 1


def test_threads_are_placed_through_recorded_old_addresses(settings):
    settings.LANGUAGE_CODE = "en"
    moved = make_post("Moved", slug="moved", publish_at=datetime(2015, 1, 2, tzinfo=UTC))
    wordpress = make_post("From WordPress", slug="wp", publish_at=datetime(2015, 1, 3, tzinfo=UTC))
    titled = make_post("Only by title", slug="t", publish_at=datetime(2015, 1, 4, tzinfo=UTC))
    OriginalURL.objects.create(post=moved, path="/blog/中文.html")
    OriginalURL.objects.create(post=wordpress, path="/?p=42")
    links = [
        ("https://old.example.com/blog/%E4%B8%AD%E6%96%87.html", "x"),
        ("http://old.example.com/?p=42", "x"),
        ("http://old.example.com/lost/", "Only by title | Old blog"),
        ("http://old.example.com/gone/", "Nobody"),
    ]
    threads = "".join(
        f'<thread dsq:id="{n}"><link>{link}</link><title>{title}</title></thread>'
        f'<post dsq:id="p{n}"><thread dsq:id="{n}"/><message>Hi {n}</message>'
        f"<createdAt>2015-02-01T00:00:0{n}Z</createdAt><author><name>A</name></author></post>"
        for n, (link, title) in enumerate(links)
    )
    data = (
        '<disqus xmlns:dsq="http://disqus.com/disqus-internals">' + threads + "</disqus>"
    ).encode()
    report = import_disqus(data, dry_run=True)
    assert [str(note) for note in report.items if "not placed" in note.message] == [
        "http://old.example.com/gone/: not placed: no post at this address (1 comment)"
    ]
    import_disqus(data)
    placed = {comment.body: comment.post for comment in Comment.objects.all()}
    assert placed == {"Hi 0": moved, "Hi 1": wordpress, "Hi 2": titled}


def test_a_dry_run_names_every_thread_with_where_its_comments_would_go(posts):
    run()
    Comment.objects.filter(source_id="disqus:301").update(body="Edited here.")
    out = run("--dry-run")
    lines = out.splitlines()
    start = lines.index("Threads:") + 1
    assert lines[start : start + 4] == [
        "  blog/2017/07/07/%E4%B8%AD%E6%96%87/: placed on /blog/2017/07/07/%E4%B8%AD%E6%96%87/: "
        "1 unchanged",
        "  http://blog.example.com/about/: not placed: no post at this address (1 comment)",
        "  http://old.example.com/?p=12: placed on /blog/2013/09/06/Hello.World:Again-/: "
        "1 unchanged",
        "  https://blog.example.com/blog/2013/09/06/Hello.World:Again-: "
        "placed on /blog/2013/09/06/Hello.World:Again-/: 1 updated, 4 unchanged",
    ]
    assert lines[start + 4] == "Check:"
    assert Comment.objects.get(source_id="disqus:301").body == "Edited here."
