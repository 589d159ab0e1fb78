"""Comment bodies: a small Markdown subset, and nothing executable gets through."""

import html
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comments.rendering import ALLOWED_SCHEMES, ALLOWED_TAGS, WORD, render_comment

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="java\tscript:alert(1)">click</a>',
    '<a href="java&#x09;script:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](  javascript:alert(1) )",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "[click](vbscript:msgbox(1))",
    "![img](javascript:alert(1))",
    '![img](x" onerror="alert(1))',
    "<javascript:alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name=x><button>go</button></form>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style>",
    '<div onmouseover="alert(1)">hover</div>',
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<a href='\u0000javascript:alert(1)'>nul</a>",
    '<a href="\u202ejavascript:alert(1)">bidi</a>',
    "<!--<script>alert(1)</script>-->",
    "`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```",
    '<details open ontoggle="alert(1)">x</details>',
    '<video><source onerror="alert(1)"></video>',
    '"><script>alert(1)</script>',
    '<a href="https://ok.example" target="_blank">t</a>',
]

EVENT_ATTRIBUTE = re.compile(r"^on", re.IGNORECASE)


def assert_inert(rendered):
    tree = BeautifulSoup(rendered, "html.parser")
    for element in tree.find_all(True):
        assert element.name in ALLOWED_TAGS, element.name
        for name, value in element.attrs.items():
            assert not EVENT_ATTRIBUTE.match(name), name
            # A code block is focusable, for scrolling with the keyboard.
            keyboard_scroll = element.name == "pre" and (name, value) == ("tabindex", "0")
            assert name in {"href", "rel"} or keyboard_scroll, name
            if name == "href":
                url = "".join(html.unescape(value).split()).lower()
                scheme = urlsplit(url).scheme
                assert scheme in ALLOWED_SCHEMES or not scheme, url
                assert not re.match(r"^[\W_]*(javascript|vbscript|data):", url), url
    # Text that merely mentions a script is fine; markup that runs one is not.
    assert "<script" not in rendered.lower()


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_renders_inert(payload):
    assert len(XSS_PAYLOADS) >= 30
    assert_inert(render_comment(payload))


def test_markdown_subset():
    rendered = render_comment(
        "Hello *world* and **bold**, `code`.\n\n> quoted\n\n```\nblock()\n```\n\n"
        "[link](https://k8s.example/docs)"
    )
    tree = BeautifulSoup(rendered, "html.parser")
    assert tree.select_one("em").text == "world"
    assert tree.select_one("strong").text == "bold"
    assert tree.select_one("p code").text == "code"
    assert tree.select_one("blockquote p").text == "quoted"
    assert tree.select_one("pre code").text.strip() == "block()"
    # A long line scrolls inside the block, which keyboards can reach.
    assert tree.select_one("pre")["tabindex"] == "0"
    link = tree.select_one("a")
    assert link["href"] == "https://k8s.example/docs"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]


def test_headings_and_images_are_not_part_of_the_subset():
    tree = BeautifulSoup(render_comment("# Big\n\n![x](https://img.example/a.png)"), "html.parser")
    assert tree.find("h1") is None and tree.find("img") is None
    assert "Big" in tree.text


def test_plain_text_is_escaped_and_keeps_line_breaks():
    rendered = render_comment("a < b && c > d\n第二行")
    assert "a &lt; b &amp;&amp; c &gt; d" in rendered
    assert BeautifulSoup(rendered, "html.parser").find("br") is not None


def test_markdown_too_deep_for_the_parser_is_shown_as_plain_text():
    rendered = render_comment("1. " * 500 + "<b>x</b>")
    assert rendered.startswith("<p>1. 1. ")
    assert "&lt;b&gt;" in rendered
    assert_inert(rendered)


def test_an_image_with_a_broken_address_keeps_every_word():
    rendered = render_comment('![x](x" onerror="alert(1)) words')
    assert BeautifulSoup(rendered, "html.parser").text == '![x](x" onerror="alert(1)) words'
    assert_inert(rendered)


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (
            "<b>bold</b> and <script>bad()</script> tail",
            "<b>bold</b> and <script>bad()</script> tail",
        ),
        ("<!-- hidden --> seen", "<!-- hidden --> seen"),
        ("[a][ref] b\n\n[ref]: http://x", "[a][ref] b\n[ref]: http://x"),
        ("[click](javascript:alert(1)) more", "[click](javascript:alert(1)) more"),
    ],
)
def test_html_and_refused_markup_are_shown_as_typed(source, shown):
    rendered = render_comment(source)
    assert BeautifulSoup(rendered, "html.parser").text.strip() == shown
    assert_inert(rendered)


def test_words_in_the_links_own_attributes_do_not_stand_in_for_lost_ones():
    rendered = render_comment("![nofollow](x) [a](https://k.example/)")
    assert BeautifulSoup(rendered, "html.parser").text == "![nofollow](x) [a](https://k.example/)"


def test_a_fenced_block_keeps_its_language():
    tree = BeautifulSoup(render_comment("```python\nx = 1\n```"), "html.parser")
    assert tree.select_one("pre code")["class"] == ["language-python"]


# Pieces a hostile or careless reader might type, mixed at random below.
HOSTILE_PIECES = [
    *"*_`[]()!#>-+.:;|\\~&<>\"'=/\n ",
    "**",
    "```",
    "~~~",
    "![",
    "](",
    "1. ",
    "- ",
    "> ",
    "    ",
    "\n\n",
    "# ",
    "---",
    "<b>",
    "</b>",
    "<script>",
    "</script>",
    "<img src=x ",
    "onerror=",
    '<a href="',
    "javascript:",
    "JaVaScRiPt:",
    "data:text/html,",
    "&amp;",
    "&#106;",
    "&#x6A;",
    "&lt;",
    "&bogus;",
    "<!--",
    "-->",
    "http://",
    "https://k8s.example/",
    "www.",
    "mailto:",
    "@",
    "中文",
    "评论区",
    "ｆｕｌｌ",
    "naïve",
    "x1",
    "alert(1)",
    "\u202e",
    "\x00",
    "\t",
]
WORD_PIECES = st.from_regex(r"[a-zA-Z0-9]{1,8}|[\u4e00-\u9fff]{1,4}", fullmatch=True)
HOSTILE_TEXT = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), WORD_PIECES, st.text(max_size=5)), max_size=40
).map("".join)


def shown_words(rendered):
    """Words a reader sees in ``rendered``, with its links' addresses and titles
    and its code blocks' languages.

    Each piece of text counts on its own: ``0*0*`` shows ``0<em>0</em>``.
    """
    tree = BeautifulSoup(rendered, "html.parser")
    parts = list(tree.find_all(string=True))
    for link in tree.find_all("a"):
        parts += [link.get("href", ""), link.get("title", "")]
    for code in tree.find_all("code", class_=True):
        parts += [name.removeprefix("language-") for name in code["class"]]
    return Counter(WORD.findall(" ".join(parts)))


@settings(
    max_examples=200, deadline=1000, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(HOSTILE_TEXT)
def test_every_word_typed_is_shown_and_nothing_runs(source):
    rendered = render_comment(source)
    assert Counter(WORD.findall(source)) <= shown_words(rendered)
    assert_inert(rendered)
