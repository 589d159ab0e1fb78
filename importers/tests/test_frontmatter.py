from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

import importers.frontmatter as frontmatter
from importers.frontmatter import (
    BadFile,
    clean_text,
    decode,
    parse_date,
    parse_file_name,
    split_front_matter,
    tag_names,
    text_field,
)
from importers.tests.factories import SITE

# These tests read report messages, which the site would give in Chinese.
pytestmark = pytest.mark.usefixtures("english")

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-09-06 23:26", datetime(2013, 9, 6, 23, 26, tzinfo=SHANGHAI)),
        ("2013-09-06 23:26:05 +0800", datetime(2013, 9, 6, 15, 26, 5, tzinfo=UTC)),
        ("2013-09-06 23:26:05 -0130", datetime(2013, 9, 7, 0, 56, 5, tzinfo=UTC)),
        ("2014-01-03T01:20:30+09:00", datetime(2014, 1, 2, 16, 20, 30, tzinfo=UTC)),
        ("2014-01-03T01:20:30Z", datetime(2014, 1, 3, 1, 20, 30, tzinfo=UTC)),
        ("2012-9-7", datetime(2012, 9, 7, tzinfo=SHANGHAI)),
        ("2012-9-17 8:05", datetime(2012, 9, 17, 8, 5, tzinfo=SHANGHAI)),
        ("2020-01-02 03:04:05.123456", datetime(2020, 1, 2, 3, 4, 5, 123456, tzinfo=SHANGHAI)),
        (date(2015, 3, 5), datetime(2015, 3, 5, tzinfo=SHANGHAI)),
        (datetime(2015, 3, 5, 6, 7), datetime(2015, 3, 5, 6, 7, tzinfo=SHANGHAI)),
        (datetime(2015, 3, 5, 6, 7, tzinfo=UTC), datetime(2015, 3, 5, 6, 7, tzinfo=UTC)),
    ],
)
def test_dates_in_every_octopress_spelling(value, expected):
    assert parse_date(value) == expected


def test_naive_dates_follow_the_time_zone_setting(settings):
    settings.TIME_ZONE = "UTC"
    assert parse_date("2013-09-06 23:26") == datetime(2013, 9, 6, 23, 26, tzinfo=UTC)


@pytest.mark.parametrize("value", ["yesterday", "2013-13-01", "2013-02-30 10:00"])
def test_bad_dates_are_bad_files(value):
    with pytest.raises(BadFile):
        parse_date(value)


def test_file_names_keep_the_slug_verbatim():
    assert parse_file_name("2013-09-06-Hello.World:Again-.markdown") == (
        date(2013, 9, 6),
        "Hello.World:Again-",
    )
    assert parse_file_name("2012-9-7-a_b.md") == (date(2012, 9, 7), "a_b")
    assert parse_file_name("2017-07-07-%E4%B8%AD.markdown")[1] == "%E4%B8%AD"
    for bad in ["hello.markdown", "2013-02-30-x.markdown", "2013-01-01-x.txt"]:
        with pytest.raises(BadFile):
            parse_file_name(bad)


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("categories: Tools tools Octopress", ["Tools", "Octopress"]),
        ("categories: [Go, 容器, ]", ["Go", "容器"]),
        ("categories:\n  - Cloud Native\n  - go", ["Cloud Native", "go"]),
        ("categories:", []),
        ("category: Single", ["Single"]),
        ("tags: [a, b]\ntag: c", ["a", "b", "c"]),
        ("categories: [Go]\ntags: go, Docker", ["Go", "Docker"]),
        ("categories: [2013, null]", ["2013"]),
    ],
)
def test_categories_and_tags_in_every_shape(front, expected):
    meta, _body = split_front_matter(f"---\n{front}\n---\nbody")
    assert tag_names(meta) == expected


def test_front_matter_is_split_and_keys_are_lower_case():
    meta, body = split_front_matter("---\nTitle: x\nDate: 2013-01-01\n---\nBody\n---\nmore")
    assert meta == {"title": "x", "date": date(2013, 1, 1)}
    assert body == "Body\n---\nmore"
    assert split_front_matter("---\n---\nonly body") == ({}, "only body")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("# no front matter\n", "no YAML front matter"),
        ('---\ntitle: "open\n---\nx', "broken YAML front matter"),
        ("---\n- a\n- b\n---\nx", "not a list of fields"),
    ],
)
def test_bad_front_matter_says_why(text, reason):
    with pytest.raises(BadFile, match=reason):
        split_front_matter(text)


def test_broken_yaml_names_the_line():
    with pytest.raises(BadFile, match="line 3"):
        split_front_matter("---\ntitle: ok\nbad: a: b\n---\nx")


def test_no_break_spaces_in_front_matter_read_as_spaces():
    meta, _body = split_front_matter("---\ntitle:\u00a0Hi\n---\nx")
    assert meta["title"] == "Hi"


def test_text_is_cleaned_of_crlf_lone_cr_bom_and_control_characters():
    assert clean_text("\ufeffa\r\nb\rc\x07d\x00e\tf") == "a\nb\nc" + "de\tf"
    assert decode("标题\r\n".encode()) == "标题\n"
    with pytest.raises(BadFile, match="not UTF-8"):
        decode(b"\xff\xfe bad")


def test_titles_lose_entities_and_extra_spaces():
    assert text_field("Tom &amp; Jerry&#8217;s\u00a0 show") == "Tom & Jerry\u2019s show"
    assert text_field(None) == ""
    assert text_field(2013) == "2013"


def test_yaml_aliases_are_refused_with_the_line():
    text = "---\ntitle: &t Hello\nsubtitle: *t\n---\nx"
    with pytest.raises(BadFile, match="aliases .* not supported on line 3"):
        split_front_matter(text)


def test_yaml_anchors_without_aliases_still_read():
    meta, _body = split_front_matter("---\ntitle: &t Hello\n---\nx")
    assert meta["title"] == "Hello"


def test_libyaml_and_the_python_loader_read_the_fixtures_alike(monkeypatch):
    texts = [path.read_text() for path in sorted(SITE.glob("_posts/*.md*"))]
    fast = [split_front_matter(text) for text in texts]
    monkeypatch.setattr(frontmatter, "_FAST_LOADER", None)
    assert [split_front_matter(text) for text in texts] == fast
