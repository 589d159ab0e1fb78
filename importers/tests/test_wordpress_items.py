from datetime import UTC, datetime

import pytest
from django.utils import timezone

from importers.wordpress_items import BadItem, parse_item, parse_moment
from importers.wxr import WPItem
from posts.models import Post

pytestmark = pytest.mark.usefixtures("english")


def wp_item(**fields):
    values = {
        "id": "7",
        "title": "A &amp; B",
        "link": "http://old.example/?p=7",
        "post_type": "post",
        "status": "publish",
        "name": "",
        "date": "2015-03-04 10:00:00",
        "date_gmt": "0000-00-00 00:00:00",
        "content": "Body",
        "excerpt": "",
        "comment_status": "open",
    }
    return WPItem(**{**values, **fields})


def test_gmt_dates_win_and_local_ones_are_in_time_zone():
    assert parse_moment("2015-03-04 02:00:00", "2015-03-04 10:00:00") == datetime(
        2015, 3, 4, 2, tzinfo=UTC
    )
    local = parse_moment("0000-00-00 00:00:00", "2015-03-04 10:00:00")
    assert timezone.localtime(local).isoformat() == "2015-03-04T10:00:00+08:00"
    assert parse_moment("", "not a date") is None


@pytest.mark.parametrize(
    ("status", "stored"),
    [
        ("publish", Post.Status.PUBLISHED),
        ("future", Post.Status.PUBLISHED),
        ("draft", Post.Status.DRAFT),
        ("pending", Post.Status.DRAFT),
        ("private", Post.Status.DRAFT),
    ],
)
def test_statuses(status, stored):
    assert parse_item(wp_item(status=status)).status == stored


@pytest.mark.parametrize("status", ["trash", "auto-draft", "inherit", ""])
def test_other_statuses_are_refused(status):
    with pytest.raises(BadItem, match="is not imported"):
        parse_item(wp_item(status=status))


def test_slugs_are_decoded_or_made_from_the_title():
    assert parse_item(wp_item(name="%e4%b8%ad%e6%96%87")).slug == "中文"
    assert parse_item(wp_item(title="容器 编排：入门")).slug == "容器-编排-入门"
    assert parse_item(wp_item(title="")).slug == "post-7"
    with pytest.raises(BadItem, match="cannot be part of a URL"):
        parse_item(wp_item(name="a%2Fb"))


def test_titles_are_unescaped_and_links_include_the_post_id():
    item = parse_item(wp_item())
    assert item.title == "A & B" and item.key_path == "/?p=7"
    assert item.links == ["http://old.example/?p=7", "/?p=7"]
    with pytest.raises(BadItem, match="no post id"):
        parse_item(wp_item(id="x"))
