import pytest

from posts.models import normal_path


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("http://a.com/blog/2013/09/06/x/", "/blog/2013/09/06/x"),
        ("https://b.org/blog/x.html", "/blog/x.html"),
        ("/blog/x/index.html", "/blog/x"),
        ("blog/2017/07/07/%E4%B8%AD/", "/blog/2017/07/07/中"),
        ("blog.example.com/blog/1/2/3/x/", "/blog/1/2/3/x"),
        ("http://a.com/?p=12", "/?p=12"),
        ("http://a.com/index.php?p=12&preview=true", "/?p=12"),
        ("/?page_id=7", "/?page_id=7"),
        ("/blog/x/?utm_source=feed", "/blog/x"),
        ("http://a.com/", "/"),
        ("/a%00b", ""),
        ("http://[::1", ""),
        ("/" + "x" * 600, ""),
    ],
)
def test_addresses_have_one_normal_spelling(url, path):
    assert normal_path(url) == path
