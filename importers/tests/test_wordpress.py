from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment
from importers.disqus import import_disqus
from importers.tests.factories import WORDPRESS_EXPORT, wxr_export, wxr_item
from importers.wordpress import import_wordpress
from posts.models import OriginalURL, Page, Post
from posts.tests.factories import make_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SUMMARY = (
    "WordPress: 7 created, 14 old addresses redirected, 4 comments, 2 skipped, "
    "2 of them replies, 1 deleted, not imported, 1 spam, not imported, "
    "1 pingbacks and trackbacks, not imported, 3 pages created, 1 attachments, listed."
)


def run_import(*args):
    out = StringIO()
    call_command("import_wordpress", str(WORDPRESS_EXPORT), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def imported():
    return run_import()


def test_the_report_names_every_item_and_everything_left_out(imported):
    assert imported.splitlines() == [
        SUMMARY,
        "Posts and pages:",
        "  About: new",
        "  Coming soon: new",
        "  Half written: new",
        "  Hello & welcome: new",
        "  Just for me: new",
        "  No id at all: skipped (no post id)",
        "  Plain permalinks post: new",
        "  Tag list: new",
        "  The team: new",
        "  Thrown away: skipped (status trash is not imported)",
        "  Waiting for review: new",
        "  中文文章: new",
        "Skipped:",
        "  post type nav_menu_item: 1 items not imported",
        "Check:",
        "  Hello & welcome: [gallery] kept as text (shortcode not converted)",
        "  Hello & welcome: scripts, styles, frames and embeds removed",
        "  Tag list: 1 comment not imported (pages have no comments)",
        "  cat: attachment http://old.example.com/wp-content/uploads/cat.jpg (not downloaded)",
        "  Tag list: another page or the blog has this address; slug tags-22",
    ]


def test_statuses_dates_and_slugs(imported):
    posts = {post.title: post for post in Post.objects.all()}
    hello = posts["Hello & welcome"]
    assert hello.status == Post.Status.PUBLISHED and hello.is_published
    assert hello.publish_at == datetime(2013, 9, 6, 2, tzinfo=UTC)
    assert hello.get_absolute_url() == "/blog/2013/09/06/hello-welcome/"
    assert hello.summary == "A short welcome."
    assert sorted(tag.name for tag in hello.tags.all()) == ["Go", "Tools & Tips"]
    chinese = posts["中文文章"]
    assert chinese.slug == "中文文章" and not chinese.comments_open
    assert [tag.name for tag in chinese.tags.all()] == ["容器"]
    assert posts["Coming soon"].is_scheduled
    # Drafts have no GMT date: their local date is read in TIME_ZONE.
    draft = posts["Half written"]
    assert draft.status == Post.Status.DRAFT and draft.slug == "half-written"
    assert timezone.localtime(draft.publish_at).isoformat() == "2015-06-01T09:00:00+08:00"
    assert posts["Waiting for review"].status == Post.Status.DRAFT
    assert posts["Just for me"].status == Post.Status.DRAFT
    assert "Thrown away" not in posts and "About" not in posts


def test_bodies_render_as_wordpress_showed_them(imported):
    hello = Post.objects.get(slug="hello-welcome")
    html = hello.body_html
    assert "<p>First paragraph with <strong>bold</strong> &amp; an entity\xa0here.<br>" in html
    assert "A literal ]]&gt; inside the text." in html
    assert '<figure class="wp-caption alignright">' in html
    assert "<figcaption>A cat on a mat</figcaption>" in html
    assert html.count('class="highlight"') == 2 and '<span class="k">def</span>' in html
    assert "&lt;none&gt;" in html and "&amp;lt;" not in html
    assert '<p>[gallery ids="7,8"]</p>' in html
    assert "<script" not in html and "alert" not in html
    assert "After the cut." not in hello.excerpt_html and "A literal" in hello.excerpt_html
    plain = Post.objects.get(slug="plain").body_html
    assert '<span class="nb">echo</span>' in plain and "a &amp;&amp; b" in plain
    assert "<li>one</li>" in plain


def test_every_old_link_lands_on_the_right_post(imported, client):
    links = {
        "/2013/09/hello-welcome/": "hello-welcome",
        "/?p=12": "hello-welcome",
        "/index.php?p=12": "hello-welcome",
        "/2014/01/%e4%b8%ad%e6%96%87%e6%96%87%e7%ab%a0/": "中文文章",
        "/?p=13": "中文文章",
        "/?p=14": "plain",
    }
    for link, slug in links.items():
        response = client.get(link)
        assert response.status_code == 301, link
        assert response["Location"] == Post.objects.get(slug=slug).get_absolute_url()
        assert client.get(response["Location"]).status_code == 200
    # Unpublished posts are not given away; the front page stays the front page.
    assert client.get("/?p=15").status_code == 200
    assert client.get("/2015/06/just-for-me/").status_code == 404
    assert client.get("/?p=999").status_code == 200


def test_the_blog_shows_what_the_wordpress_site_showed(imported, client):
    response = client.get("/")
    assert [post.title for post in response.context["posts"]] == [
        "Plain permalinks post",
        "中文文章",
        "Hello & welcome",
    ]
    page = client.get(Post.objects.get(slug="hello-welcome").get_absolute_url())
    shown = [comment.name for comment in page.context["comments"]]
    assert shown == ["Ann"] and [reply.name for reply in shown_replies(page)] == ["Bob"]


def shown_replies(page):
    return [reply for comment in page.context["comments"] for reply in comment.thread_replies]


def test_a_second_run_changes_nothing(imported):
    posts = {post.pk: post.updated_at for post in Post.objects.all()}
    comments = set(Comment.objects.values_list("pk", "parent_id", "status", "body"))
    again = run_import().splitlines()[0]
    assert again == (
        "WordPress: 7 unchanged, 4 comments unchanged, 2 skipped, 2 of them replies, "
        "1 deleted, not imported, 1 spam, not imported, 1 pingbacks and trackbacks, "
        "not imported, 3 pages unchanged, 1 attachments, listed."
    )
    assert {post.pk: post.updated_at for post in Post.objects.all()} == posts
    assert set(Comment.objects.values_list("pk", "parent_id", "status", "body")) == comments


def test_dry_run_saves_nothing():
    out = run_import("--dry-run")
    assert out.startswith("Dry run, nothing was saved. " + SUMMARY)
    assert not Post.objects.exists() and not Comment.objects.exists()
    assert not OriginalURL.objects.exists() and not Page.objects.exists()


def test_a_taken_address_gets_the_post_id_added():
    other = make_post("Other", slug="plain", publish_at=datetime(2015, 5, 5, 4, tzinfo=UTC))
    report = import_wordpress(WORDPRESS_EXPORT.read_bytes())
    assert "Plain permalinks post: another post has this address; slug plain-14" in [
        str(note) for note in report.warnings
    ]
    assert Post.objects.get(title="Plain permalinks post").slug == "plain-14"
    assert Post.objects.get(pk=other.pk).title == "Other"


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_older_export_versions_read_the_same(version):
    data = WORDPRESS_EXPORT.read_bytes().replace(b"export/1.2/", f"export/{version}/".encode())
    report = import_wordpress(data)
    assert report.counts["created"] == 7 and report.counts["comments"] == 4
    assert Post.objects.get(slug="hello-welcome").summary == "A short welcome."


def test_unsafe_or_broken_files_are_refused_whole():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><rss>&a;</rss>'
    report = import_wordpress(bomb, name="bomb.xml")
    assert [str(note) for note in report.skipped] == [
        "bomb.xml: DOCTYPE and ENTITY declarations are not allowed"
    ]
    report = import_wordpress(b"<rss><channel></channel></rss>", name="x.xml")
    assert str(report.skipped[0]) == "x.xml: not a WordPress export: no <wp:wxr_version>"
    assert not Post.objects.exists()


def test_queries_per_post_are_bounded():
    def export(count):
        items = "".join(
            f"<item><title>P{n}</title><link>http://o.example/p{n}/</link>"
            f"<content:encoded>Body {n}</content:encoded><wp:post_id>{n}</wp:post_id>"
            f"<wp:post_date_gmt>2015-01-{n:02d} 00:00:00</wp:post_date_gmt>"
            f"<wp:post_name>p{n}</wp:post_name><wp:status>publish</wp:status>"
            f'<category domain="post_tag" nicename="t">T{n % 2}</category>'
            f"<wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_author>A</wp:comment_author>"
            f"<wp:comment_date_gmt>2015-02-01 00:00:00</wp:comment_date_gmt>"
            f"<wp:comment_content>Hi</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
            f"</wp:comment></item>"
            for n in range(1, count + 1)
        )
        return (
            '<rss xmlns:wp="http://wordpress.org/export/1.2/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>"
        ).encode()

    with CaptureQueriesContext(connection) as few:
        import_wordpress(export(3))
    Post.objects.all().delete()
    with CaptureQueriesContext(connection) as many:
        import_wordpress(export(23))
    # A post's INSERT and its search-index UPDATEs; addresses, tags and
    # comments are written in bulk.
    assert len(many) - len(few) <= 3 * 20
    with CaptureQueriesContext(connection) as again:
        import_wordpress(export(23))
    assert len(again) <= 9


def test_a_password_protected_post_becomes_a_draft():
    password = "<wp:post_password>pw</wp:post_password>"
    report = import_wordpress(wxr_export(wxr_item(1, "Secret", "x", password)))
    assert Post.objects.get().status == Post.Status.DRAFT
    assert [str(note) for note in report.warnings] == [
        "Secret: protected by a password in WordPress; imported as a draft"
    ]


def test_block_editor_content_renders_as_its_blocks():
    content = (
        "<!-- wp:paragraph -->\n<p>One <em>two</em></p>\n<!-- /wp:paragraph -->\n\n"
        '<!-- wp:code -->\n<pre class="wp-block-code"><code>a &lt; b</code></pre>\n'
        "<!-- /wp:code -->"
    )
    import_wordpress(wxr_export(wxr_item(1, "Blocks", content)))
    html = Post.objects.get().body_html
    assert html.startswith("<p>One <em>two</em></p>") and "wp:paragraph" not in html
    assert '<div class="highlight" tabindex="0"><pre><span></span><code>a &lt; b' in html


def test_an_edited_export_updates_the_post_and_keeps_its_address():
    import_wordpress(wxr_export(wxr_item(1, "First title", "Old words")))
    post = Post.objects.get()
    report = import_wordpress(wxr_export(wxr_item(1, "New title", "New words")))
    assert report.counts == {"updated": 1}
    assert [str(note) for note in report.items] == ["New title: updated (title, body)"]
    post.refresh_from_db()
    assert post.title == "New title" and post.body == "<p>New words</p>"
    assert post.revisions.get().title == "First title"
    assert list(post.original_urls.values_list("path", flat=True)) == ["/?p=1"]


def test_the_old_front_page_is_not_a_posts_address():
    import_wordpress(wxr_export(wxr_item(1, "Odd", "x", "<link>http://old.example.com/</link>")))
    assert list(OriginalURL.objects.values_list("path", flat=True)) == ["/?p=1"]


def test_disqus_threads_of_the_wordpress_days_follow_the_posts(imported):
    export = (
        b'<disqus xmlns:dsq="http://disqus.com/disqus-internals">'
        b'<thread dsq:id="1"><link>http://old.example.com/?p=13</link><title>x</title></thread>'
        b'<post dsq:id="9"><thread dsq:id="1"/><message>From Disqus</message>'
        b"<createdAt>2014-02-01T00:00:00Z</createdAt><author><name>D</name></author></post>"
        b"</disqus>"
    )
    import_disqus(export)
    assert Comment.objects.get(body="From Disqus").post.slug == "中文文章"
