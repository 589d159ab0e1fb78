import pytest

from posts.models import Post, Revision
from posts.revisions import diff_lines, history
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_each_save_that_changes_the_text_keeps_the_previous_title_and_body():
    post = make_post("First title", body="one\ntwo\n")
    assert not post.revisions.exists()
    post.title, post.body = "Second title", "one\nTWO\n"
    post.save()
    post.body = "one\nTWO\nthree\n"
    post.save()
    assert [(r.title, r.body) for r in post.revisions.all()] == [
        ("Second title", "one\nTWO\n"),
        ("First title", "one\ntwo\n"),
    ]


def test_saves_that_leave_title_and_body_alone_add_no_revision():
    post = make_post("Same")
    post.status = Post.Status.DRAFT
    post.save()
    post.tags.add("go")
    assert Revision.objects.count() == 0


def test_restoring_brings_back_title_and_body_and_keeps_the_replaced_text():
    post = make_post("Old title", body="## 旧\n\nold body")
    post.title, post.body = "New title", "new body"
    post.save()
    post.revisions.get().restore()
    post.refresh_from_db()
    assert (post.title, post.body) == ("Old title", "## 旧\n\nold body")
    assert 'id="旧"' in post.body_html
    assert post.revisions.first().title == "New title"


def test_diff_lines_marks_added_and_removed_lines():
    assert diff_lines("a\nb\nc", "a\nB\nc") == [
        ("hunk", "@@ -1,3 +1,3 @@"),
        ("same", "a"),
        ("remove", "b"),
        ("add", "B"),
        ("same", "c"),
    ]
    assert diff_lines("same", "same") == []
    # A removed Markdown rule "---" is a removed line, not a diff header.
    assert ("remove", "---") in diff_lines("x\n---\ny", "x\ny")


def test_history_diffs_each_revision_against_the_version_that_replaced_it():
    post = make_post("T1", body="v1")
    post.body = "v2"
    post.save()
    post.title, post.body = "T3", "v3"
    post.save()
    newest, oldest = history(post)
    assert ("remove", "v2") in newest.changes and ("add", "v3") in newest.changes
    assert newest.new_title == "T3"
    assert ("remove", "v1") in oldest.changes and ("add", "v2") in oldest.changes
    assert oldest.new_title is None
