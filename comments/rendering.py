"""Readers' comments: a small Markdown subset, sanitised with nh3.

What a reader types is text: HTML they write is shown as they wrote it, not
interpreted, and a comment whose rendering would lose any of their words
(an image, a refused link, an entity) is shown as plain text instead.
"""

import re
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from django.utils.html import escape
from markdown.extensions import Extension

from posts.rendering import BoundedLinksExtension

ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "a", "ul", "ol", "li"}
# A fenced block's language is kept as its "language-…" class, so the word stays.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "code": {"class"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# Browsers drop ASCII tabs and newlines anywhere in a URL and control
# characters at its ends, so "java\tscript:" still runs. Judge a link by what
# is left once every such character (and invisible format characters) is gone.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")
# A word: a run of letters and digits in any script (CJK included).
WORD = re.compile(r"[^\W_]+")


def _visible(url):
    stripped = _INVISIBLE.sub("", url)
    return "".join(ch for ch in stripped if unicodedata.category(ch) != "Cf")


def _safe_attribute(tag, attribute, value):
    if attribute == "class":
        return value if re.fullmatch(r"language-[\w#+.-]+", value) else None
    if attribute != "href":
        return value
    visible = _visible(value)
    if visible != value.strip():
        # A URL that only works once a browser removes hidden characters is not a real link.
        return None
    # Leading junk (a replaced NUL, a bidi mark) makes a URL relative today;
    # refuse it anyway rather than rely on every parser agreeing.
    for candidate in (visible, re.sub(r"^[^0-9a-z]+", "", visible.lower())):
        scheme = urlsplit(candidate).scheme.lower()
        if scheme and scheme not in ALLOWED_SCHEMES:
            return None
    return value


class _TextOnly(Extension):
    """Markdown without raw HTML or reference definitions.

    Raw HTML would be stripped by the sanitiser, words and all, and the
    standard library's HTML parser behind it takes quadratic time on unclosed
    tags. Reference definitions (``[id]: url``) vanish from the text.
    """

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.parser.blockprocessors.deregister("reference")


class _Words(HTMLParser):
    """The words of an HTML fragment, counted: its text, its links' addresses and
    titles, and its code blocks' languages."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "title"}:
                self.words.update(WORD.findall(value or ""))
            elif name == "class":
                self.words.update(WORD.findall((value or "").removeprefix("language-")))

    def handle_data(self, data):
        self.words.update(WORD.findall(data))


def words_of_html(fragment):
    parser = _Words()
    parser.feed(fragment)
    parser.close()
    return parser.words


def _plain(source):
    return "<p>" + escape(source).replace("\n", "<br>") + "</p>"


def render_comment(source):
    """Render a reader's comment to HTML that carries no executable content.

    Every word of ``source`` is in the result. Markdown nested too deeply for
    the parser, or whose rendering would drop a word, is shown as plain text.
    """
    source = source or ""
    try:
        html = markdown.markdown(
            source,
            extensions=["fenced_code", "nl2br", "sane_lists", BoundedLinksExtension(), _TextOnly()],
        )
    except RecursionError:
        return _plain(source)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
        attribute_filter=_safe_attribute,
        # A long line scrolls inside its block: keyboards must be able to reach it.
        set_tag_attribute_values={"pre": {"tabindex": "0"}},
    )
    if not Counter(WORD.findall(source)) <= words_of_html(cleaned):
        return _plain(source)
    return cleaned
