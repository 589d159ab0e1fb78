from io import StringIO

import pytest
from django.core.management import call_command

from importers.jekyll_site import Site, find_config, load_site, read_config
from importers.report import Report
from importers.tests.factories import JEKYLL_SITE, SITE
from posts.models import OriginalURL, Post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def run_import(*args):
    out = StringIO()
    call_command("import_jekyll", *args, stdout=out)
    return out.getvalue()


def recorded():
    return {url.path: url.post.slug for url in OriginalURL.objects.select_related("post")}


def test_the_config_permalink_decides_each_old_address():
    out = run_import(str(JEKYLL_SITE))
    assert out.splitlines()[0] == "Posts: 6 created, 5 old addresses redirected."
    assert recorded() == {
        "/blog/plain-post.html": "plain-post",
        "/blog/late-night.html": "late-night",
        "/blog/中文-标题.html": "中文 标题",
        "/custom/address": "custom",
        "/blog/Mixed-Case-Slug.html": "Mixed Case:Slug",
    }
    # Its Jekyll URL has this blog's shape and date: the post keeps it exactly.
    assert Post.objects.get(title="Own shape").get_absolute_url() == "/blog/2016/03/04/own-shape/"


def test_old_addresses_answer_301_then_the_post_answers_200(client):
    run_import(str(JEKYLL_SITE))
    post = Post.objects.get(slug="plain-post")
    for old in ("/blog/plain-post.html", "/custom/address/", "/custom/address/index.html"):
        response = client.get(old)
        target = Post.objects.get(original_urls__path=old.removesuffix("index.html").rstrip("/"))
        assert response.status_code == 301, old
        assert response["Location"] == target.get_absolute_url()
        assert client.get(response["Location"]).status_code == 200
    response = client.get("/blog/%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98.html")
    assert response.status_code == 301
    assert response["Location"] == Post.objects.get(title="中文标题").get_absolute_url()
    assert client.get("/blog/plain-post.html")["Location"] == post.get_absolute_url()


def test_dates_are_read_in_the_sites_time_zone():
    run_import(str(JEKYLL_SITE), "--permalink", "/:year/:month/:day/:title/")
    late = Post.objects.get(slug="late-night")
    # 23:30 in New York on New Year's Eve is already 2016 in Shanghai.
    assert late.get_absolute_url() == "/blog/2016/01/01/late-night/"
    assert late.original_urls.get().path == "/2015/12/31/late-night"
    # A file name's date is midnight where the site was.
    assert Post.objects.get(slug="plain-post").original_urls.get().path == (
        "/2015/01/02/plain-post"
    )


@pytest.mark.parametrize(
    ("style", "path"),
    [
        ("date", "/go/tools/2015/01/02/plain-post.html"),
        ("pretty", "/go/tools/2015/01/02/plain-post"),
        ("ordinal", "/go/tools/2015/002/plain-post.html"),
        ("none", "/go/tools/plain-post.html"),
        ("/:i_month/:i_day/:short_year/:hour:minute:second/:slug", "/1/2/15/000000/plain-post"),
    ],
)
def test_the_permalink_option_overrides_the_config(style, path):
    run_import(str(JEKYLL_SITE), "--permalink", style)
    assert Post.objects.get(slug="plain-post").original_urls.get().path == path
    # A front-matter permalink still wins.
    assert Post.objects.get(slug="custom").original_urls.get().path == "/custom/address"


def test_a_second_run_changes_nothing():
    run_import(str(JEKYLL_SITE))
    before = set(OriginalURL.objects.values_list("pk", "path", "post_id"))
    assert run_import(str(JEKYLL_SITE)).splitlines()[0] == "Posts: 6 unchanged."
    assert set(OriginalURL.objects.values_list("pk", "path", "post_id")) == before


def test_the_config_is_found_above_posts_and_baseurl_is_used(tmp_path):
    posts = tmp_path / "_posts"
    posts.mkdir()
    (tmp_path / "_config.yml").write_text("permalink: pretty\nbaseurl: /sub\n")
    (posts / "2015-01-02-a.md").write_text("---\ntitle: A\ncategories: X\n---\nx")
    assert find_config(posts) == tmp_path / "_config.yml"
    run_import(str(posts))
    assert OriginalURL.objects.get().path == "/sub/x/2015/01/02/a"


def test_octopress_without_a_config_keeps_its_urls_and_says_so():
    report = Report("Posts")
    assert load_site(SITE, SITE / "_posts", report) == Site()
    assert str(report.warnings[0]).startswith("_config.yml: not found; posts keep Octopress's")


def test_an_unreadable_config_is_reported_not_fatal():
    report = Report("Posts")
    assert read_config(b"permalink: [unclosed", report) == {}
    assert str(report.warnings[0]) == "_config.yml: cannot be read (ParserError)"
