"""Plain text out of rendered HTML, and measures of it that understand Chinese.

The one definition of a post's plain text, for its reading time, its search
text, its meta description and imported summaries. The HTML is parsed by
lexbor (``posts.rendering.html5_parse``), in C: Python's ``html.parser``
took five times as long, which importing thousands of posts felt.
"""

import math

import posts.rendering.html5_parse as html5_parse
from posts.cjk import CJK_CHAR, WORD

CJK_CHARS_PER_MINUTE = 300
WORDS_PER_MINUTE = 200

SKIPPED_TAGS = {"pre", "script", "style", "template"}
# A code block's figure: its caption names a language or file, not prose.
SKIPPED_CLASS = "code-block"
VOID_TAGS = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "col", "area"}
_VOID_SELECTOR = ",".join(sorted(VOID_TAGS))
# Elements that stand apart from the text around them. Inline ones (em, code,
# a) do not: "<code>Pod</code>，" reads "Pod，", with no space before the comma.
# fmt: off
BLOCK_TAGS = {
    "p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "pre",
    "blockquote", "ul", "ol", "dl", "dt", "dd", "table", "figure", "figcaption", "section",
}
# fmt: on


def _is_code(node):
    if node.tag in SKIPPED_TAGS:
        return True
    return SKIPPED_CLASS in (node.attributes.get("class") or "").split()


def _content(node):
    # A template's content is a fragment of its own, not its children.
    fragments = node.template_fragments() if node.tag == "template" else None
    return fragments[0] if fragments else node


def plain_text(html, skip_code=True):
    """Return the visible text of ``html`` with whitespace folded.

    Block elements (and void ones such as ``<br>``) stand apart from the text
    around them; inline ones join it. Code blocks (``<pre>``, a code block's
    figure, scripts, styles, templates) are left out unless ``skip_code`` is
    false: they leave no space behind them, unless they hold a void element.
    """
    parts = []
    # Nodes still to visit, last first; None marks the end of a block element.
    todo = html5_parse.top_nodes(html)[::-1]
    while todo:
        node = todo.pop()
        if node is None:
            parts.append(" ")
            continue
        tag = node.tag
        if tag == "-text":
            parts.append(node.text_content)
        elif tag in VOID_TAGS:
            parts.append(" ")
        elif not node.is_element_node:
            continue
        elif skip_code and _is_code(node):
            if _content(node).css_first(_VOID_SELECTOR) is not None:
                parts.append(" ")
        else:
            if tag in BLOCK_TAGS:
                parts.append(" ")
                todo.append(None)
            todo.extend(reversed(html5_parse.siblings(_content(node).child)))
    return " ".join("".join(parts).split())


def count_units(text):
    """Return (CJK characters, other words) in ``text``."""
    return len(CJK_CHAR.findall(text)), len(WORD.findall(text))


def reading_minutes(html):
    """Minutes a reader needs for ``html``: Chinese by characters, English by words, no code."""
    cjk, words = count_units(plain_text(html))
    return max(1, math.ceil(cjk / CJK_CHARS_PER_MINUTE + words / WORDS_PER_MINUTE))
