"""Markdown to stored HTML: highlighted code, tables, footnotes, anchors, excerpt.

Posts are rendered once when saved. ``render_post`` is the only entry point, so
the site, the admin preview, feeds and importers all show the same HTML.
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

from posts.rendering.images import ImageExtension
from posts.rendering.links import BoundedLinksExtension
from posts.rendering.text import count_units, reading_minutes

# "<!-- more -->" in any case and spacing ends the excerpt, as in Octopress.
MORE_MARKER = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
# Without a marker the excerpt takes whole top-level blocks until it holds
# this many units, a unit being one Chinese character or one other word.
EXCERPT_UNITS = 180
# A table of contents is shown once a post has this many headings.
TOC_MIN_HEADINGS = 3

_CUT = "posts-excerpt-cut"
_CUT_HTML = f"<!--{_CUT}-->"
_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")


@dataclass(frozen=True)
class RenderedPost:
    html: str
    excerpt_html: str
    toc_html: str
    reading_minutes: int


class ExcerptCutter(Treeprocessor):
    """Mark where the excerpt ends with a comment between two top-level blocks."""

    def run(self, root):
        children = list(root)
        cut = self.marker_cut(root, children)
        if cut is None:
            cut = self.length_cut(children)
        if cut is not None and cut < len(children):
            root.insert(cut, etree.Comment(_CUT))

    def is_marker(self, text):
        stash = self.md.htmlStash.rawHtmlBlocks
        for match in _PLACEHOLDER.finditer(text or ""):
            index = int(match.group(1))
            if index < len(stash) and MORE_MARKER.fullmatch(str(stash[index]).strip()):
                return True
        return False

    def marker_cut(self, root, children):
        for index, child in enumerate(children):
            text = "".join(child.itertext())
            if not self.is_marker(text):
                continue
            if _PLACEHOLDER.sub("", text).strip():
                # The marker sits inside a paragraph: cut after that paragraph.
                return index + 1
            root.remove(child)
            return index
        return None

    def length_cut(self, children):
        units = 0
        for index, child in enumerate(children):
            text = _PLACEHOLDER.sub(" ", "".join(child.itertext()))
            cjk, words = count_units(text)
            units += cjk + words
            if units >= EXCERPT_UNITS:
                return index + 1
        return None


class ExcerptExtension(Extension):
    def extendMarkdown(self, md):
        # After inline patterns (20) so text is final, and after the TOC (5),
        # which cannot walk past the comment this leaves in the tree.
        md.treeprocessors.register(ExcerptCutter(md), "excerpt_cut", 4)


class TableAlignClasses(Treeprocessor):
    """Column alignment as a class (``align-center``) instead of the tables
    extension's inline ``style``, which the Content-Security-Policy blocks."""

    def run(self, root):
        for cell in (*root.iter("th"), *root.iter("td")):
            style = cell.get("style", "")
            if style.startswith("text-align: "):
                del cell.attrib["style"]
                align = style.removeprefix("text-align: ").rstrip(";")
                cell.set("class", f"{cell.get('class', '')} align-{align}".strip())


class TableAlignExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(TableAlignClasses(md), "table_align_classes", 3)


def _new_markdown():
    return markdown.Markdown(
        extensions=[
            "fenced_code",
            "codehilite",
            "tables",
            "footnotes",
            "toc",
            "attr_list",
            "sane_lists",
            ExcerptExtension(),
            ImageExtension(),
            TableAlignExtension(),
            BoundedLinksExtension(),
        ],
        extension_configs={
            "codehilite": {"css_class": "highlight", "guess_lang": False, "linenums": False},
            "toc": {
                "slugify": slugify_unicode,
                "permalink": "#",
                "permalink_class": "anchor",
                "permalink_title": "",
                "toc_class": "toc",
            },
            "footnotes": {"BACKLINK_TITLE": ""},
        },
        output_format="html",
    )


def _count_headings(tokens):
    return sum(1 + _count_headings(token["children"]) for token in tokens)


def render_post(source):
    """Render a post's Markdown ``source`` into its HTML, excerpt, TOC and reading time."""
    md = _new_markdown()
    html = md.convert(source or "")
    full, cut, rest = html.partition(_CUT_HTML)
    body = full + rest if cut else html
    excerpt = full.rstrip() if cut else html
    toc = md.toc if _count_headings(md.toc_tokens) >= TOC_MIN_HEADINGS else ""
    return RenderedPost(
        html=body,
        excerpt_html=excerpt,
        toc_html=toc,
        reading_minutes=reading_minutes(body),
    )
