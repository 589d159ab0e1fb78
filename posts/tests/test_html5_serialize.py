import html5lib
import pytest
from html5lib.serializer import HTMLSerializer

from posts.rendering import render_post
from posts.rendering.html5_parse import parse
from posts.rendering.html5_serialize import serialize

# What the stored HTML was written with before: the reference.
_walker = html5lib.getTreeWalker("etree")
_html5lib = HTMLSerializer(
    omit_optional_tags=False,
    quote_attr_values="always",
    use_trailing_solidus=False,
    resolve_entities=False,
)

FRAGMENTS = [
    "plain &amp; text &lt;b&gt; 中文\xa0",
    '<p class="a" id="b">x<br>y<img src="/i.png" alt="">z</p><hr>tail',
    """<a title='say "hi"' href="?a=1&amp;b=2">q</a><a title="it's">r</a>"""
    """<a title="'&quot;">s</a>""",
    "<img ismap src=x><div itemscope hidden>b</div><input checked disabled>",
    "<script>if (a < b && c) {}</script><style>p > a {}</style>after <x>",
    "<textarea>a < b</textarea><pre>\n\nx</pre><xmp><b></xmp><noscript>n</noscript>",
    '<svg viewBox="0 0 1 1"><path d="M0"/><use xlink:href="#a"/><img/>'
    "<foreignObject><p>x<br></p></foreignObject></svg><math><mi>y</mi></math>",
    "<!-- a comment --><p></p><span></span><!---->end",
    "<template><p>t</p></template><table><tr><td>1<td>2</table>",
    "<b>open <i>nested</p><ul><li>one<li>two</ul><p>stray</span> end",
]


@pytest.mark.parametrize("html", FRAGMENTS)
def test_writes_what_html5libs_serialiser_writes(html):
    fragment = parse(html)
    assert serialize(fragment) == _html5lib.render(_walker(fragment))


def test_a_rendered_post_is_written_as_before():
    html = render_post(
        "## 标题\n\n`code` & *em*[^1]\n\n```python\nif a < b: print('\"x\"')\n```\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n[^1]: note\n"
    ).html
    fragment = parse(html)
    assert serialize(fragment) == _html5lib.render(_walker(fragment)) == html


def test_deep_trees_are_written_without_recursion():
    html = "<span>" * 5000 + "x" + "</span>" * 5000
    assert serialize(parse(html)) == html
