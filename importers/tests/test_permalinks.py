from datetime import datetime

import pytest

from importers.permalinks import (
    STYLES,
    PostValues,
    post_url,
    slugify_default,
    slugify_pretty,
    template_for,
)

# A Friday, the 9th day of the year, in ISO week 2.
VALUES = PostValues("Hello World:Again", datetime(2015, 1, 9, 7, 5, 3), ["Go", "Cloud", "go"])


@pytest.mark.parametrize(
    ("style", "url"),
    [
        ("date", "/go/cloud/2015/01/09/Hello-World-Again.html"),
        ("pretty", "/go/cloud/2015/01/09/Hello-World-Again/"),
        ("ordinal", "/go/cloud/2015/009/Hello-World-Again.html"),
        ("weekdate", "/go/cloud/2015/W02/FRI/Hello-World-Again.html"),
        ("none", "/go/cloud/Hello-World-Again.html"),
    ],
)
def test_named_styles(style, url):
    assert post_url(template_for(style), VALUES) == url


def test_no_setting_is_the_date_style():
    assert template_for(None) == STYLES["date"] and template_for("") == STYLES["date"]


@pytest.mark.parametrize(
    ("piece", "value"),
    [
        (":year", "2015"),
        (":short_year", "15"),
        (":month", "01"),
        (":i_month", "1"),
        (":day", "09"),
        (":i_day", "9"),
        (":hour", "07"),
        (":minute", "05"),
        (":second", "03"),
        (":y_day", "009"),
        (":short_month", "JAN"),
        (":long_month", "January"),
        (":title", "Hello-World-Again"),
        (":slug", "hello-world-again"),
        (":categories", "go/cloud"),
        (":output_ext", ".html"),
    ],
)
def test_each_template_piece(piece, value):
    assert post_url(f"/x/{piece}/", VALUES) == f"/x/{value}/"


def test_no_categories_leave_no_empty_segment():
    values = PostValues("a", datetime(2015, 1, 9))
    assert post_url(STYLES["none"], values) == "/a.html"
    assert post_url("/:categories/:title/", values) == "/a/"


def test_endings_are_kept_and_baseurl_comes_first():
    assert post_url("/blog/:title.html", VALUES) == "/blog/Hello-World-Again.html"
    assert post_url("/blog/:title", VALUES) == "/blog/Hello-World-Again"
    assert post_url("/blog/:title/", VALUES, "/sub/") == "/sub/blog/Hello-World-Again/"
    assert post_url("blog/:title/", VALUES, "/") == "/blog/Hello-World-Again/"


def test_title_keeps_case_and_pretty_characters_slug_does_not():
    assert slugify_pretty("The _config.yml file!") == "The-_config.yml-file!"
    assert slugify_default("The _config.yml file!") == "the-config-yml-file"
    assert slugify_pretty("中文 标题") == "中文-标题"


def test_non_ascii_is_percent_encoded_as_jekyll_writes_it():
    values = PostValues("中文", datetime(2015, 1, 9))
    assert post_url("/:title.html", values) == "/%E4%B8%AD%E6%96%87.html"


def test_legacy_titles_keep_the_slug_as_it_is():
    values = PostValues("Hello.World:Again-", datetime(2013, 9, 6), legacy_titles=True)
    assert post_url("/blog/:year/:month/:day/:title/", values) == (
        "/blog/2013/09/06/Hello.World:Again-/"
    )


def test_unknown_placeholders_stay():
    assert post_url("/:nope/:title/", VALUES) == "/:nope/Hello-World-Again/"
