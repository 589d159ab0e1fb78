"""Markdown to stored HTML: highlighted code, tables, footnotes, anchors, excerpt.

Posts are rendered once when saved. ``render_post`` is the only entry point, so
the site, the admin preview, feeds and importers all show the same HTML. The
Markdown's output then goes through an HTML5 parser (posts.rendering.html5):
what is stored is well-formed whatever raw HTML the source holds.
"""

import re
import threading
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import Treeprocessor

import posts.rendering.html5 as html5
from posts.rendering.codeblocks import (
    CodeBlockExtension,
    CodeBlockFormatter,
    make_scrollers_focusable,
)
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


class StrikeExtension(Extension):
    """``~~text~~`` becomes ``<del>text</del>``, as on GitHub."""

    def extendMarkdown(self, md):
        # After code spans (190) and escapes (180); no "~" inside, so one scan.
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)([^~]+)~~", "del"), "del", 55)


def _heading_id(value, separator):
    slug = slugify_unicode(value, separator)
    # The page around the body uses these ids; a heading must not take one.
    return f"section{separator}{slug}" if slug in html5.RESERVED_IDS else slug


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
            CodeBlockExtension(),
            StrikeExtension(),
            TableAlignExtension(),
            BoundedLinksExtension(),
        ],
        extension_configs={
            "codehilite": {
                "css_class": "highlight",
                "guess_lang": False,
                "linenums": False,
                "pygments_formatter": CodeBlockFormatter,
            },
            "toc": {
                "slugify": _heading_id,
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


_local = threading.local()


def _markdown():
    """This thread's Markdown converter, reset for a new document.

    Building one loads every extension (about a millisecond); ``reset``
    clears what a conversion leaves behind (footnotes, TOC, stashed HTML).
    """
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = _new_markdown()
    return md.reset()


def render_post(source):
    """Render a post's Markdown ``source`` into its HTML, excerpt, TOC and reading time."""
    md = _markdown()
    fragment = html5.parse(md.convert(source or ""))
    html5.unwrap_misnested(fragment)
    html5.attach_code_titles(fragment)
    make_scrollers_focusable(fragment)
    html5.unique_ids(fragment)
    split = html5.split_at_comment(fragment, _CUT)
    excerpt, body = split if split else (html5.clone(fragment), fragment)
    # The post's title is the page's h1; on list pages each entry's is an h2.
    html5.shift_headings(body, 2)
    html5.shift_headings(excerpt, 3)
    html5.drop_ids(excerpt)
    body = html5.serialize(body)
    excerpt = html5.serialize(excerpt).rstrip()
    toc = md.toc if _count_headings(md.toc_tokens) >= TOC_MIN_HEADINGS else ""
    return RenderedPost(
        html=body,
        excerpt_html=excerpt,
        toc_html=toc,
        reading_minutes=reading_minutes(body),
    )
