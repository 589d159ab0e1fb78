import pytest

from importers import wxr
from importers.tests.factories import WORDPRESS_EXPORT, wxr_export, wxr_item

pytestmark = pytest.mark.usefixtures("english")


def items_by_id():
    _link, items = wxr.read_export(WORDPRESS_EXPORT.read_bytes())
    return {item.id: item for item in items}


def test_items_come_in_file_order_with_their_fields():
    link, items = wxr.read_export(WORDPRESS_EXPORT.read_bytes())
    assert link == "http://old.example.com"
    assert [item.id for item in items][:3] == ["12", "13", "14"]
    hello = items_by_id()["12"]
    assert (hello.post_type, hello.status, hello.name) == ("post", "publish", "hello-welcome")
    assert hello.date_gmt == "2013-09-06 02:00:00" and hello.excerpt == "A <em>short</em> welcome."
    assert [comment.id for comment in hello.comments] == ["100", "101", "102", "103", "104", "105"]
    assert hello.comments[1].parent_id == "100" and hello.comments[5].type == "pingback"


def test_cdata_split_around_its_own_end_and_entities_come_out_as_text():
    hello = items_by_id()["12"]
    assert "A literal ]]> inside the text." in hello.content
    assert "<strong>bold</strong> &amp; an entity&nbsp;here." in hello.content
    # The title was written with an escaped entity: it stays one for the importer.
    assert hello.title == "Hello &amp; welcome" and hello.label == "Hello & welcome"
    assert ("category", "tools", "Tools &amp; Tips") in hello.categories


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_version_reads_alike(version):
    data = wxr_export(wxr_item(3, "T", "Body", "<excerpt:encoded>Ex</excerpt:encoded>"))
    data = data.replace(b"export/1.2/", f"export/{version}/".encode()).replace(
        b"<rss ", f'<rss xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/" '.encode()
    )
    (item,) = wxr.read_export(data)[1]
    assert (item.id, item.content, item.excerpt) == ("3", "Body", "Ex")


def test_what_is_not_a_wordpress_export_is_refused(monkeypatch):
    with pytest.raises(wxr.WXRError, match=r"no <rss><channel>"):
        wxr.read_export(b"<feed/>")
    with pytest.raises(wxr.WXRError, match="not well-formed"):
        wxr.read_export(b"<rss><channel>")
    monkeypatch.setattr(wxr, "MAX_ITEMS", 1)
    with pytest.raises(wxr.WXRError, match="more than 1 items"):
        wxr.read_export(wxr_export(wxr_item(1, "a", "x"), wxr_item(2, "b", "y")))
