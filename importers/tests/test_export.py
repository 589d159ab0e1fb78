from datetime import UTC, datetime
from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.utils import translation

from comments.models import Comment
from importers.export import post_document, post_file_name
from importers.tests.factories import SITE
from posts.models import Post, Series
from posts.tests.factories import make_post, make_series

pytestmark = pytest.mark.django_db

FIELDS = ("title", "slug", "publish_at", "status", "body", "summary", "comments_open")


def snapshot():
    return sorted(
        (
            post.get_absolute_url(),
            *(getattr(post, name) for name in FIELDS),
            sorted(tag.name for tag in post.tags.all()),
        )
        for post in Post.objects.prefetch_related("tags")
    )


def round_trip(tmp_path):
    before = snapshot()
    call_command("export_jekyll", str(tmp_path), stdout=StringIO())
    Post.objects.all().delete()
    call_command("import_jekyll", str(tmp_path), stdout=StringIO())
    return before, snapshot()


def test_posts_written_here_survive_export_and_import(tmp_path):
    make_post(
        'Tom & Jerry: 容器 "quoted"',
        slug="tom-jerry",
        body="# Title\n\nText with {{ braces }} and {% tags %}.\n\n```\n{% raw %}\n```",
        tags=["Kubernetes", "容器"],
        summary="A summary\nover two lines.",
        publish_at=datetime(2020, 2, 3, 4, 5, 6, 789000, tzinfo=UTC),
    )
    make_post("A draft", slug="draft", status=Post.Status.DRAFT, comments_open=False)
    make_post("Scheduled", slug="later", days_ago=-3)
    make_post("中文标题", slug="中文-slug", body="正文。\n\n<div>HTML</div>")
    make_post("Same slug", slug="Same.Slug:x-", publish_at=datetime(2019, 1, 1, tzinfo=UTC))
    make_post("Same slug", slug="Same.Slug:x-", publish_at=datetime(2019, 6, 1, tzinfo=UTC))
    before, after = round_trip(tmp_path)
    assert after == before


def test_imported_octopress_posts_survive_export_and_import(tmp_path):
    call_command("import_jekyll", str(SITE), stdout=StringIO())
    before, after = round_trip(tmp_path)
    assert len(after) == 10 and after == before


def test_the_export_is_plain_jekyll(tmp_path):
    post = make_post(
        "Hello", slug="Hello", tags=["Go"], publish_at=datetime(2013, 9, 6, 15, 26, tzinfo=UTC)
    )
    draft = make_post("Draft", slug="d", status=Post.Status.DRAFT, summary="Desc")
    out = StringIO()
    with translation.override("en"):
        call_command("export_jekyll", str(tmp_path), stdout=out)
    assert out.getvalue() == "Exported posts: 2 written.\n"
    text = (tmp_path / "_posts" / "2013-09-06-Hello.markdown").read_text()
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {
        "layout": "post",
        "title": "Hello",
        "date": "2013-09-06 23:26:00 +0800",
        "comments": True,
        "categories": ["Go"],
    }
    assert text.endswith("---\n\nBody of Hello.\n")
    assert post_file_name(post) == "2013-09-06-Hello.markdown"
    draft_front = yaml.safe_load(post_document(draft).split("---\n")[1])
    assert draft_front["published"] is False and draft_front["description"] == "Desc"


def test_bodies_the_importer_would_change_are_wrapped_in_raw():
    plain = make_post("Plain", body="Just text.")
    liquid = make_post("Liquid", body="Shows {% img /a.png %} literally.")
    assert "{% raw %}" not in post_document(plain)
    assert "{% raw %}\nShows {% img /a.png %} literally.\n{% endraw %}" in post_document(liquid)


def test_comments_are_exported_as_data_files(tmp_path):
    post = make_post("With comments", slug="c", publish_at=datetime(2014, 5, 6, tzinfo=UTC))
    top = Comment.objects.create(
        post=post,
        name="读者",
        email="r@example.com",
        body="好文 👍",
        status="approved",
        created_at=datetime(2014, 5, 7, tzinfo=UTC),
    )
    Comment.objects.create(
        post=post,
        parent=top,
        name="Spam",
        body="buy",
        status="spam",
        created_at=datetime(2014, 5, 8, tzinfo=UTC),
    )
    make_post("Without", slug="none")
    out = StringIO()
    with translation.override("en"):
        call_command("export_jekyll", str(tmp_path), stdout=out)
    assert out.getvalue() == "Exported posts: 2 written, 2 comments.\n"
    files = list((tmp_path / "_data" / "comments").iterdir())
    assert [path.name for path in files] == ["2014-05-06-c.yml"]
    data = yaml.safe_load(files[0].read_text())
    assert data[0] == {
        "id": top.pk,
        "parent": None,
        "name": "读者",
        "email": "r@example.com",
        "website": "",
        "date": "2014-05-07 08:00:00 +0800",
        "status": "approved",
        "body": "好文 👍",
    }
    assert data[1]["parent"] == top.pk and data[1]["status"] == "spam"


def test_series_and_pinning_survive_export_and_import(tmp_path):
    series = make_series(
        "K8s之旅", posts=[make_post("One", slug="one", days_ago=3), make_post("Two", slug="two")]
    )
    make_post("Unnumbered", slug="unnumbered", series=series)
    make_post("Pinned", slug="pinned", pinned=True)

    def memberships():
        return sorted(Post.objects.values_list("slug", "series__title", "series_order", "pinned"))

    before = memberships()
    round_trip(tmp_path)
    assert memberships() == before
    assert Series.objects.count() == 1
    # A second import changes nothing.
    out = StringIO()
    call_command("import_jekyll", str(tmp_path), stdout=out)
    assert memberships() == before and Series.objects.count() == 1
