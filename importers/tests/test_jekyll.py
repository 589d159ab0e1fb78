import html
import re
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from taggit.models import Tag

from importers.jekyll import SourceFile, import_posts, parse_post, read_folder
from importers.report import Report
from importers.tests.factories import IMPORTED, SITE
from posts.models import Post, Series

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_every_good_file_is_imported_and_every_bad_one_named(imported):
    assert Post.objects.count() == IMPORTED
    assert imported.splitlines()[0] == f"Posts: {IMPORTED} created, 4 skipped."
    assert "2019-02-03-broken-yaml.markdown: skipped (broken YAML front matter" in imported
    assert "2019-02-04-no-front-matter.markdown: skipped (no YAML front matter" in imported
    assert "bad-name.markdown: skipped (the file name is not YYYY-MM-DD-slug.markdown)" in imported
    assert "notes.txt: skipped (not a .markdown or .md file)" in imported
    assert "Traceback" not in imported


def test_posts_imported_in_bulk_store_what_a_single_save_stores(imported):
    fields = ["body_html", "excerpt_html", "toc_html", "reading_minutes"]
    fields += ["search_text", "search_vector", "search_title_tags"]
    for post in Post.objects.all():
        copy = Post(
            title=post.title,
            slug=f"{post.slug}-copy",
            body=post.body,
            status=post.status,
            publish_at=post.publish_at,
        )
        copy.save()
        copy.tags.set(list(post.tags.all()))
        stored = Post.objects.filter(pk__in=[post.pk, copy.pk]).values(*fields)
        assert stored[0] == stored[1]
        assert stored[0]["search_text"]


def test_urls_equal_the_octopress_urls(imported, client):
    urls = {post.get_absolute_url() for post in Post.objects.all()}
    assert {
        "/blog/2013/09/06/Hello.World:Again-/",
        "/blog/2012/09/17/zhong-wen-fen-lei/",
        # The front-matter date wins over the file name's.
        "/blog/2014/01/03/iso-offset/",
        "/blog/2015/03/05/bare-date/",
        "/blog/2016/05/06/no-date/",
        # The same slug on two dates gives two posts.
        "/blog/2013/09/06/hello/",
        "/blog/2014/09/06/hello/",
        "/blog/2017/07/07/%E4%B8%AD%E6%96%87/",
        "/blog/2017/07/08/%E5%8E%9F%E7%94%9F%E4%B8%AD%E6%96%87/",
    } <= urls
    assert Post.objects.filter(slug="%E4%B8%AD%E6%96%87").exists()
    assert Post.objects.filter(slug="原生中文").exists()
    for url in urls - {"/blog/2015/03/05/bare-date/"}:
        assert client.get(url).status_code == 200, url


def test_front_matter_fields(imported):
    hello = Post.objects.get(slug="Hello.World:Again-")
    assert hello.title == "Hello World & Again"
    assert hello.publish_at == datetime(2013, 9, 6, 15, 26, tzinfo=UTC)
    assert hello.summary == "A first post, moved from Octopress."
    assert hello.comments_open and hello.status == Post.Status.PUBLISHED
    assert sorted(tag.name for tag in hello.tags.all()) == ["Octopress", "Tools"]
    chinese = Post.objects.get(slug="zhong-wen-fen-lei")
    assert chinese.title == "容器编排 & 服务发现"
    assert chinese.publish_at == datetime(2012, 9, 17, 0, 5, 9, tzinfo=UTC)
    assert sorted(tag.name for tag in chinese.tags.all()) == ["Kubernetes", "容器"]
    draft = Post.objects.get(slug="bare-date")
    assert draft.status == Post.Status.DRAFT and not draft.comments_open
    assert draft.summary == "Still thinking about it."
    no_date = Post.objects.get(slug="no-date")
    assert no_date.publish_date.isoformat() == "2016-05-06"
    assert [tag.name for tag in no_date.tags.all()] == ["Go"]
    iso = Post.objects.get(slug="iso-offset")
    assert sorted(tag.name for tag in iso.tags.all()) == ["Cloud Native", "Go", "Testing"]
    # "Tools" and "tools", "Go" and "go": one tag each.
    assert Tag.objects.filter(name__iexact="tools").count() == 1
    assert Tag.objects.filter(name__iexact="go").count() == 1


def test_bodies_are_converted_and_rendered(imported):
    hello = Post.objects.get(slug="Hello.World:Again-")
    assert "\r" not in hello.body
    assert '<span class="code-title">Greeting - greet.py</span>' in hello.body_html
    assert "{{ name }}" in hello.body_html and "{% not a tag %}" in hello.body_html
    assert 'class="right" src="/images/octopus.png" width="300" height="200"' in hello.body_html
    assert 'title="Octopus &amp; friends" alt="An octopus waving"' in hello.body_html
    assert 'Liquid {{ page.title }} and Django {% url "home" %}' in hello.body_html
    assert "{% codeblock" not in hello.body_html and "{% img" not in hello.body_html
    assert "This post came from Octopress" in hello.excerpt_html
    assert "greet" not in hello.excerpt_html
    chinese = Post.objects.get(slug="zhong-wen-fen-lei").body_html
    assert "<strong>王小明</strong> <cite>容器实践笔记</cite>" in chinese
    assert "<cite><a href=" in chinese and "进程就是容器" in chinese
    assert '<aside class="pullquote pullquote-left">调度是一种承诺</aside>' in chinese
    iso = Post.objects.get(slug="iso-offset").body_html
    assert "https://gist.github.com/4a5b6c7d8e9f#file-app-go" in iso and "<script" not in iso
    assert 'href="/downloads/code/servers/main.go"' in iso
    assert "{% youtube dQw4w9WgXcQ %}" in iso
    assert "lineos" not in iso and iso.count('class="highlight"') == 3
    text = html.unescape(re.sub(r"<[^>]+>", "", iso))
    assert "{{ user.name }}" in text and "{% for item in items %}" in text
    assert '{% extends "base.html" %}' in text and "{{ form }}" in text
    odd = Post.objects.get(slug="no-date")
    assert '<img src="/images/a.png">' in odd.body_html
    assert '<img class="left" src="/images/b.png" width="120" title="Wide" alt="Wide">' in (
        odd.body_html
    )
    assert "\x07" not in odd.body and "\x1b" not in odd.body and "end\u00a0tag" in odd.body
    assert "Stray end\u00a0tag below.\nNext line." in odd.body
    assert "endblockquote" not in odd.body_html and "highlight ruby" not in odd.body_html
    assert '```ruby\nputs "Jekyll\'s own tag"\n```' in odd.body
    raw_html = Post.objects.get(slug="raw-html").body_html
    assert '<div class="entry">' in raw_html and "<em>HTML</em>" in raw_html


def test_problems_inside_good_files_are_reported(imported):
    assert "2014-01-02-iso-offset.md: unknown tag {% youtube dQw4w9WgXcQ %} kept as text" in (
        imported
    )
    assert "2014-01-02-iso-offset.md: include_code links to /downloads/code/servers/main.go" in (
        imported
    )
    assert "2016-05-06-no-date.markdown: {% endcodeblok %} read as the end of codeblock" in (
        imported
    )


def test_parse_post_slug_from_front_matter_and_bad_slugs():
    post = parse_post(SourceFile("2013-01-01-a.markdown", b"---\nslug: Other-Name\n---\nx"))
    assert post.slug == "Other-Name" and post.title == "Other-Name"
    assert post.warnings == ["no title; the slug is used"]
    report = import_posts([SourceFile("2013-01-01-a.markdown", b"---\nslug: a/b\n---\nx")])
    assert "cannot be part of a URL" in report.skipped[0].message
    report = import_posts([SourceFile("2013-01-01-a.markdown", b"\xff\xfe")])
    assert "not UTF-8" in report.skipped[0].message


def test_read_folder_accepts_the_site_or_its_posts_folder():
    report = Report("Posts")
    names = [source.name for source in read_folder(SITE, report)]
    assert names == [source.name for source in read_folder(SITE / "_posts", Report("Posts"))]
    assert "2014-01-02-iso-offset.md" in names and "notes.txt" not in names


def test_an_octopress_checkout_is_read_from_source_posts(tmp_path):
    posts = tmp_path / "source" / "_posts"
    posts.mkdir(parents=True)
    (posts / "2013-01-01-a.markdown").write_bytes(b"---\ntitle: A\n---\nx")
    assert [source.name for source in read_folder(tmp_path, Report("Posts"))] == [
        "2013-01-01-a.markdown"
    ]


def test_missing_folder_is_a_command_error(tmp_path):
    with pytest.raises(Exception, match="is not a folder"):
        call_command("import_jekyll", str(tmp_path / "nope"))


def test_old_category_urls_redirect_to_the_tag_pages(imported, client):
    response = client.get("/blog/categories/tools/")
    assert response.status_code == 301 and response["Location"] == "/tags/tools/"
    response = client.get("/blog/categories/cloud-native/")
    assert response.status_code == 301 and response["Location"] == "/tags/cloud-native/"
    assert client.get("/tags/cloud-native/").status_code == 200


def test_imported_posts_are_found_by_their_tags(client):
    body = b"---\ntitle: Quiet title\ncategories: [Zookeeper]\n---\nNothing else here."
    import_posts([SourceFile("2014-02-03-quiet.markdown", body)])
    response = client.get("/search/", {"q": "zookeeper"})
    assert [result.post.title for result in response.context["results"]] == ["Quiet title"]


def source(name, front):
    return SourceFile(name, f"---\ntitle: T\n{front}---\nBody\n".encode())


def test_series_and_pinning_from_front_matter():
    front = 'series: "微服务实战"\nseries_order: 2\npinned: true\n'
    item = parse_post(source("2024-01-02-a.md", front))
    assert (item.series, item.series_order, item.pinned) == ("微服务实战", 2, True)
    assert item.warnings == []


@pytest.mark.parametrize(
    ("text", "value"), [("x", "x"), ("-1", -1), ("true", True), ("2147483648", 2**31), ("1.5", 1.5)]
)
def test_a_series_order_that_is_not_a_whole_number_is_ignored_with_a_warning(text, value):
    item = parse_post(source("2024-01-02-a.md", f"series: S\nseries_order: {text}\n"))
    assert (item.series, item.series_order) == ("S", None)
    assert item.warnings == [f"series_order {value!r} is not a whole number; ignored"]


def test_posts_join_their_series_and_a_dry_run_creates_none():
    sources = [
        source("2024-01-02-a.md", "series: S\nseries_order: 2\n"),
        source("2024-01-03-b.md", "series: S\nseries_order: 1\n"),
    ]
    import_posts(sources, dry_run=True)
    assert not Series.objects.exists() and not Post.objects.exists()
    report = import_posts(sources)
    (series,) = Series.objects.all()
    assert [post.slug for post in series.parts(Post.objects.all())] == ["b", "a"]
    assert import_posts(sources).counts["unchanged"] == 2 and report.counts["created"] == 2
