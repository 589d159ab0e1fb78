import xml.etree.ElementTree as etree

import html5lib

from posts.rendering import html5
from posts.rendering.html5_parse import parse

_html5lib = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)


def test_the_tree_serialises_as_html5libs_does_for_what_markdown_writes():
    source = (
        '<h2 id="a">T &amp; <em>x</em></h2>\n<!-- more -->\n<p>a<br>b &lt; c\xa0</p>'
        '<div class="highlight"><pre><span></span><code>x = 1\n</code></pre></div>'
        '<table><thead><tr><th class="align-center">h</th></tr></thead></table>'
        "<p><b>open <i>nested</p><ul><li>one<li>two</ul><p>stray</span> end"
    )
    assert html5.serialize(parse(source)) == html5.serialize(_html5lib.parseFragment(source))


def test_comments_keep_their_text_verbatim():
    fragment = parse("<!-- keep  me --><p>x</p>")
    assert [fragment[0].tag, fragment[0].text] == [etree.Comment, " keep  me "]


def test_svg_and_mathml_elements_carry_their_namespace_html_inside_them_does_not():
    fragment = parse(
        '<svg viewBox="0 0 1 1"><use xlink:href="#a"/><foreignObject><p>x</p></foreignObject>'
        "</svg><math><mi>y</mi></math>"
    )
    svg = "{http://www.w3.org/2000/svg}"
    tags = [element.tag for element in fragment.iter()][1:]
    assert tags == [
        f"{svg}svg",
        f"{svg}use",
        f"{svg}foreignObject",
        "p",
        "{http://www.w3.org/1998/Math/MathML}math",
        "{http://www.w3.org/1998/Math/MathML}mi",
    ]
    assert fragment[0][0].attrib == {"{http://www.w3.org/1999/xlink}href": "#a"}


def test_a_templates_content_is_its_children():
    fragment = parse("<template><p>t</p></template>")
    assert html5.serialize(fragment) == "<template><p>t</p></template>"


def test_attributes_without_a_value_hold_the_empty_string():
    assert parse("<details open><summary>s</summary></details>")[0].attrib == {"open": ""}


def test_deeply_nested_elements_parse_without_recursion():
    fragment = parse("<span>" * 5000 + "x")
    assert sum(1 for element in fragment.iter("span")) == 5000
