import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from posts.rendering import render_post
from posts.rendering.links import LINK_WINDOW
from posts.rendering.styles import pygments_css


def soup(html):
    return BeautifulSoup(html, "html.parser")


def test_fenced_code_is_highlighted_with_the_fence_language():
    html = render_post('```python\ndef hello():\n    return "你好"\n```\n').html
    block = soup(html).select_one("div.highlight pre code")
    assert block is not None
    assert block.select_one("span.k").text == "def"
    assert block.select_one("span.nf").text == "hello"


def test_fence_without_language_is_plain_escaped_and_styled():
    html = render_post("```\n<script>alert(1)</script>\n```\n").html
    code = soup(html).select_one("div.highlight pre code")
    assert code.text.strip() == "<script>alert(1)</script>"
    assert "<script>" not in html
    assert not code.select("span[class]")


def test_line_numbers_are_optional_per_fence():
    html = render_post('``` { .go linenums="1" }\npackage main\n```\n').html
    assert soup(html).select_one(".highlight td.linenos") is not None
    assert soup(render_post("```go\npackage main\n```\n").html).select_one(".linenos") is None


def test_tables_and_footnotes():
    html = render_post("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: A note.\n").html
    page = soup(html)
    assert [td.text for td in page.select("table td")] == ["1", "2"]
    assert page.select_one("div.footnote li").text.strip().startswith("A note.")


def test_column_alignment_is_a_class_not_an_inline_style():
    # The Content-Security-Policy blocks inline styles.
    html = render_post("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n").html
    cells = soup(html).select("td")
    assert [cell["class"] for cell in cells] == [["align-left"], ["align-center"], ["align-right"]]
    assert "style=" not in html


def test_heading_anchors_keep_chinese_text():
    html = render_post("## 服务发现 与 DNS\n\ntext\n\n## 服务发现 与 DNS\n").html
    ids = [h["id"] for h in soup(html).select("h2")]
    assert ids == ["服务发现-与-dns", "服务发现-与-dns_1"]
    assert soup(html).select_one("h2 a.anchor")["href"] == "#服务发现-与-dns"


def test_toc_only_for_posts_with_enough_headings():
    short = render_post("## 一\n\n## 二\n")
    assert short.toc_html == ""
    long = render_post("## 一\n\n## 二\n\n### 三\n")
    links = [a["href"] for a in soup(long.toc_html).select("a")]
    assert links == ["#一", "#二", "#三"]


@pytest.mark.parametrize(
    "marker", ["<!-- more -->", "<!--more-->", "<!-- MORE -->", "<!--   More   -->"]
)
def test_more_marker_variants_end_the_excerpt(marker):
    rendered = render_post(f"第一段。\n\n{marker}\n\n第二段。\n")
    assert soup(rendered.excerpt_html).get_text().strip() == "第一段。"
    assert "第二段" in rendered.html
    assert "more" not in rendered.html.lower()


def test_more_marker_inside_a_paragraph_cuts_after_that_paragraph():
    rendered = render_post("第一段 <!-- more --> 还在。\n\n第二段。\n")
    assert "还在" in rendered.excerpt_html
    assert "第二段" not in rendered.excerpt_html


def test_more_marker_inside_code_is_only_code():
    source = "Intro.\n\n```html\n<!-- more -->\n```\n\n" + "word " * 10
    rendered = render_post(source)
    assert rendered.excerpt_html == rendered.html
    assert "&lt;!-- more --&gt;" in rendered.html


def test_excerpt_without_marker_cuts_chinese_by_characters():
    paragraph = "容" * 100
    rendered = render_post("\n\n".join([paragraph] * 4))
    assert len(soup(rendered.excerpt_html).select("p")) == 2
    assert len(soup(rendered.html).select("p")) == 4


def test_excerpt_without_marker_cuts_english_by_words():
    paragraph = " ".join(["deploy"] * 100)
    rendered = render_post("\n\n".join([paragraph] * 4))
    # 100 words a paragraph: the cut counts words, not the 700 characters.
    assert len(soup(rendered.excerpt_html).select("p")) == 2


def test_short_post_excerpt_is_the_whole_post():
    rendered = render_post("Short post.")
    assert rendered.excerpt_html == rendered.html


def test_shipped_pygments_stylesheet_matches_the_renderer():
    shipped = (settings.BASE_DIR / "static" / "css" / "pygments.css").read_text(encoding="utf-8")
    assert shipped == pygments_css()
    assert "@media (prefers-color-scheme: dark)" in shipped


@pytest.fixture
def media_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_URL = "/media/"
    return tmp_path


def test_images_load_lazily_with_the_size_of_the_stored_file(media_storage):
    from posts.tests.factories import image_bytes

    (media_storage / "uploads").mkdir()
    (media_storage / "uploads" / "图.png").write_bytes(image_bytes(size=(64, 48)))
    html = render_post("![架构](/media/uploads/%E5%9B%BE.png)\n").html
    image = soup(html).select_one("img")
    assert image["alt"] == "架构"
    assert image["loading"] == "lazy"
    assert (image["width"], image["height"]) == ("64", "48")


def test_images_elsewhere_get_lazy_loading_but_no_guessed_size(media_storage):
    html = render_post(
        "![a](https://example.com/a.png) ![b](/media/missing.png) ![c](/media/../etc/passwd)"
    ).html
    for image in soup(html).select("img"):
        assert image["loading"] == "lazy"
        assert not image.has_attr("width") and not image.has_attr("height")


def test_a_size_given_by_the_author_is_kept(media_storage):
    from posts.tests.factories import image_bytes

    (media_storage / "a.png").write_bytes(image_bytes(size=(64, 48)))
    html = render_post('![a](/media/a.png){: width="32" }\n').html
    image = soup(html).select_one("img")
    assert image["width"] == "32" and not image.has_attr("height")


def test_links_images_and_references_render_as_markdown_has_them():
    source = (
        '[a](https://k8s.example/docs_(v1) "Title") ![i](/media/x.png) [r][1] [1]\n\n'
        "[1]: https://ref.example/"
    )
    tree = soup(render_post(source).html)
    links = [(a["href"], a.get("title"), a.text) for a in tree.select("a")]
    assert links == [
        ("https://k8s.example/docs_(v1)", "Title", "a"),
        ("https://ref.example/", None, "r"),
        ("https://ref.example/", None, "1"),
    ]
    assert tree.select_one("img")["src"] == "/media/x.png"


def test_a_link_longer_than_the_window_stays_text():
    address = "https://x.example/" + "a" * LINK_WINDOW
    html = render_post(f"[long]({address}) and [short](https://y.example/)").html
    assert [a["href"] for a in soup(html).select("a")] == ["https://y.example/"]
    assert "[long](" in soup(html).text


def test_unclosed_brackets_leave_the_text_whole_and_later_links_working():
    hostile = "([a]" * 3000
    html = render_post(hostile + "\n\n[after](https://z.example/)").html
    assert soup(html).text.strip() == hostile + "\nafter"
    assert [a["href"] for a in soup(html).select("a")] == ["https://z.example/"]


def test_once_the_budget_is_spent_brackets_stay_text():
    hostile = "[a](()" * 2000
    html = render_post(hostile + "\n\n[after](https://z.example/)").html
    assert soup(html).select("a") == []
    assert soup(html).text.strip() == hostile + "\n[after](https://z.example/)"


def test_a_render_keeps_nothing_of_the_one_before():
    first = render_post("Text[^1] ![a](/a.png)\n\n[^1]: A note.\n\n# One\n\n## Two\n\n## Three")
    second = render_post("Plain text.")
    assert first.toc_html and "footnote" in first.html
    assert (second.html, second.toc_html) == ("<p>Plain text.</p>", "")
