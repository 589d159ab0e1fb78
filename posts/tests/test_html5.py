"""Stored HTML is well-formed, outlined and id-safe whatever the Markdown held."""

from bs4 import BeautifulSoup

from posts.rendering import html5, render_post


def headings(html):
    return [
        (h.name, h.get("id"))
        for h in BeautifulSoup(html, "html.parser").select("h1,h2,h3,h4,h5,h6")
    ]


def test_strike_becomes_del_but_not_in_code():
    html = render_post("~~旧~~ and `~~kept~~`").html
    assert html == "<p><del>旧</del> and <code>~~kept~~</code></p>"


def test_stray_end_tags_go_and_open_elements_are_closed():
    html = render_post(
        "图标在 </blog/favicon.ico> 这里。\n\n"
        '<div class="note"><p>没有关上 <b>粗体</p></div>\n\n后文'
    ).html
    assert "favicon" not in html
    assert html == (
        '<p>图标在  这里。</p>\n<div class="note"><p>没有关上 <b>粗体</b></p></div>\n\n<p>后文</p>'
    )


def test_a_formatting_element_left_open_never_wraps_blocks():
    fragment = html5.parse("<b>x</div><h2>t</h2><p>y</p>")
    html5.unwrap_misnested(fragment)
    assert html5.serialize(fragment) == "<b>x</b><h2>t</h2><p>y</p>"


def test_body_headings_start_at_h2_and_skip_no_level():
    html = render_post("# 背景\n\n### 细节\n\n# 总结\n\n###### 深处").html
    assert headings(html) == [("h2", "背景"), ("h3", "细节"), ("h2", "总结"), ("h3", "深处")]


def test_excerpt_headings_start_at_h3_and_lose_ids_and_permalinks():
    rendered = render_post("## 背景\n\n第一段。\n\n<!-- more -->\n\n## 背景\n\n后文")
    assert rendered.excerpt_html == "<h3>背景</h3>\n<p>第一段。</p>"
    assert headings(rendered.html) == [("h2", "背景"), ("h2", "背景_1")]


def test_footnote_ids_stay_out_of_excerpts():
    rendered = render_post("正文[^1]。\n\n[^1]: 注释。")
    assert 'id="fn:1"' in rendered.html
    assert " id=" not in rendered.excerpt_html


def test_ids_from_raw_html_are_made_unique_and_keep_clear_of_the_page():
    html = render_post(
        '<p id="x">a</p>\n\n<p id="x">b</p>\n\n<p id="comments">c</p>\n\n# Comments'
    ).html
    ids = [element["id"] for element in BeautifulSoup(html, "html.parser").select("[id]")]
    assert ids == ["x", "x-2", "comments-2", "section-comments"]


def test_an_excerpt_cut_inside_an_element_closes_it():
    fragment = html5.parse("<div><p>a</p><!--cut--><p>b</p></div><p>c</p>")
    before, whole = html5.split_at_comment(fragment, "cut")
    assert html5.serialize(before) == "<div><p>a</p></div>"
    assert html5.serialize(whole) == "<div><p>a</p><p>b</p></div><p>c</p>"
    assert html5.split_at_comment(html5.parse("<p>x</p>"), "cut") is None


def test_rendering_is_stable_when_rendered_html_is_rendered_again():
    once = render_post("<section>\n\n正文 <i>斜体\n\n</section>").html
    fragment = html5.parse(once)
    assert html5.serialize(fragment) == once


def test_deeply_nested_raw_html_renders_without_overflowing():
    rendered = render_post("<div>" * 3000 + "深处\n\n<!-- more -->\n\n尾")
    assert rendered.html.count("<div>") == 3000 and "深处" in rendered.excerpt_html
    fragment = html5.parse("<span>" * 3000 + "<p>x</p><!--cut--><p>y</p>")
    before, _whole = html5.split_at_comment(fragment, "cut")
    assert html5.serialize(before).endswith("<p>x</p>" + "</span>" * 3000)
