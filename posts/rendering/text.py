"""Plain text out of rendered HTML, and measures of it that understand Chinese."""

import math
from html.parser import HTMLParser

from posts.cjk import CJK_CHAR, WORD

CJK_CHARS_PER_MINUTE = 300
WORDS_PER_MINUTE = 200

SKIPPED_TAGS = {"pre", "script", "style", "template"}
# A code block's figure: its caption names a language or file, not prose.
SKIPPED_CLASS = "code-block"
VOID_TAGS = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "col", "area"}
# Elements that stand apart from the text around them. Inline ones (em, code,
# a) do not: "<code>Pod</code>，" reads "Pod，", with no space before the comma.
# fmt: off
BLOCK_TAGS = {
    "p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "pre",
    "blockquote", "ul", "ol", "dl", "dt", "dd", "table", "figure", "figcaption", "section",
}
# fmt: on


class _TextExtractor(HTMLParser):
    def __init__(self, skip_code):
        super().__init__(convert_charrefs=True)
        self.skip_code = skip_code
        self.skipping = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            self.parts.append(" ")
        elif self.skipping or (self.skip_code and self.is_code(tag, attrs)):
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    @staticmethod
    def is_code(tag, attrs):
        if tag in SKIPPED_TAGS:
            return True
        classes = next((value or "" for name, value in attrs if name == "class"), "")
        return SKIPPED_CLASS in classes.split()

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if self.skipping:
            self.skipping -= 1
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def plain_text(html, skip_code=True):
    """Return the visible text of ``html`` with whitespace folded.

    Code blocks (``<pre>``) are left out unless ``skip_code`` is false.
    """
    parser = _TextExtractor(skip_code)
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def count_units(text):
    """Return (CJK characters, other words) in ``text``."""
    return len(CJK_CHAR.findall(text)), len(WORD.findall(text))


def reading_minutes(html):
    """Minutes a reader needs for ``html``: Chinese by characters, English by words, no code."""
    cjk, words = count_units(plain_text(html))
    return max(1, math.ceil(cjk / CJK_CHARS_PER_MINUTE + words / WORDS_PER_MINUTE))
