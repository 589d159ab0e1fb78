"""Running the Jekyll import (importers.jekyll) again, dry, and over what
the blog already holds: what changes, what is reported, what it costs."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from importers.jekyll import SourceFile, import_posts
from importers.tests.factories import IMPORTED, SITE, run_import
from posts.models import Post
from posts.tests.factories import make_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_second_run_updates_instead_of_duplicating(imported):
    first = {post.pk: post.updated_at for post in Post.objects.all()}
    again = run_import()
    assert again.splitlines()[0] == f"Posts: {IMPORTED} unchanged, 4 skipped."
    assert {post.pk: post.updated_at for post in Post.objects.all()} == first


def test_an_edited_file_updates_its_post_and_tags():
    source = (SITE / "_posts" / "2013-09-06-hello.markdown").read_bytes()
    import_posts([SourceFile("2013-09-06-hello.markdown", source)])
    post = Post.objects.get(slug="hello")
    edited = source.replace(b"First of two", b"Edited first of two").replace(
        b"date: 2013-09-06 10:00:00", b"date: 2013-09-06 11:00:00\ncategories: New"
    )
    report = import_posts([SourceFile("2013-09-06-hello.markdown", edited)])
    assert report.counts == {"updated": 1}
    post.refresh_from_db()
    assert post.body.startswith("Edited") and [t.name for t in post.tags.all()] == ["New"]
    assert Post.objects.count() == 1
    retagged = edited.replace(b"categories: New", b"categories: Other")
    import_posts([SourceFile("2013-09-06-hello.markdown", retagged)])
    assert [t.name for t in post.tags.all()] == ["Other"]


def test_dry_run_reports_and_saves_nothing(settings):
    settings.LANGUAGE_CODE = "en"
    out = run_import("--dry-run")
    assert out.startswith(f"Dry run, nothing was saved. Posts: {IMPORTED} created, 4 skipped.")
    assert not Post.objects.exists() and not Tag.objects.exists()


def files_section(out):
    lines = out.splitlines()
    start = lines.index("Files:") + 1
    end = next(i for i, line in enumerate(lines[start:], start) if not line.startswith("  "))
    return lines[start:end]


def test_a_dry_run_names_every_file_with_what_would_happen(settings):
    settings.LANGUAGE_CODE = "en"
    run_import()
    post = Post.objects.get(slug="iso-offset")
    post.title = "Edited on the blog"
    post.save()
    Post.objects.get(slug="bare-date").delete()
    assert files_section(run_import("--dry-run")) == [
        "  2012-9-17-zhong-wen-fen-lei.markdown: unchanged",
        "  2013-09-06-Hello.World:Again-.markdown: unchanged",
        "  2013-09-06-hello.markdown: unchanged",
        "  2014-01-02-iso-offset.md: updated (title)",
        "  2014-09-06-hello.markdown: unchanged",
        "  2015-03-04-bare-date.markdown: new",
        "  2016-05-06-no-date.markdown: unchanged",
        "  2017-07-07-%E4%B8%AD%E6%96%87.markdown: unchanged",
        "  2017-07-08-原生中文.markdown: unchanged",
        "  2018-01-01-raw-html.markdown: unchanged",
        "  2019-02-03-broken-yaml.markdown: skipped (broken YAML front matter: "
        "found unexpected end of stream on line 5)",
        "  2019-02-04-no-front-matter.markdown: skipped "
        "(no YAML front matter (the file must start with a --- line))",
        "  bad-name.markdown: skipped (the file name is not YYYY-MM-DD-slug.markdown)",
        "  notes.txt: skipped (not a .markdown or .md file)",
    ]
    assert Post.objects.get(slug="iso-offset").title == "Edited on the blog"


def test_a_real_run_names_every_file_too(settings):
    settings.LANGUAGE_CODE = "en"
    run_import()
    Post.objects.get(slug="bare-date").tags.clear()
    lines = files_section(run_import())
    assert len(lines) == IMPORTED + 4
    assert "  2015-03-04-bare-date.markdown: updated (tags)" in lines


def test_two_files_for_one_url_keep_the_first():
    sources = [
        SourceFile("2013-01-01-a.markdown", b"---\ntitle: One\n---\nx"),
        SourceFile("2013-01-01-a.md", b"---\ntitle: Two\n---\ny"),
    ]
    report = import_posts(sources)
    assert Post.objects.get().title == "One"
    assert str(report.skipped[0]) == (
        "2013-01-01-a.md: same date and slug as 2013-01-01-a.markdown"
    )


def test_existing_posts_and_tags_are_reused():
    post = make_post("Old", slug="hello", publish_at=datetime(2013, 9, 6, 2, tzinfo=UTC))
    Tag.objects.create(name="TOOLS", slug="tools")
    report = import_posts(
        [SourceFile("2013-09-06-hello.markdown", b"---\ntitle: New\ncategories: tools\n---\nx")]
    )
    assert report.counts == {"updated": 1}
    post.refresh_from_db()
    assert post.title == "New" and [tag.name for tag in post.tags.all()] == ["TOOLS"]


def test_queries_per_post_are_bounded():
    def sources(count, tag):
        return [
            SourceFile(
                f"2014-01-{day:02d}-post-{day}.markdown",
                f"---\ntitle: Post {day}\ncategories: [a, b, {tag}{day % 3}]\n---\nBody".encode(),
            )
            for day in range(1, count + 1)
        ]

    with CaptureQueriesContext(connection) as few:
        import_posts(sources(3, "x"))
    with CaptureQueriesContext(connection) as many:
        import_posts(sources(23, "y"))
    # The search index's UPDATE per post; posts and tag links are written
    # in bulk, tags looked up once and read back for the index once per chunk.
    assert len(many) - len(few) <= 20 + 3
    with CaptureQueriesContext(connection) as again:
        import_posts(sources(23, "y"))
    assert len(again) <= 6
