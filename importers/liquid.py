"""Octopress Liquid tags to the Markdown/HTML that ``render_post`` renders.

Code stays literal: fenced code, inline code, ``{% codeblock %}`` and
``{% raw %}`` bodies are never converted (only the raw markers, which Jekyll
itself would have removed, are dropped). Unknown tags stay visible and are
reported, so nothing an author wrote disappears silently.
"""

import bisect
import difflib
import functools
import html
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from importers import liquid_tags as tags

# Linear time on any text: spans are bounded, a tag's name is taken whole
# (no backtracking into it), and a tag or output cannot contain the opening
# of another, so a line full of "{%" or "{{" fails each of them at once.
_SCANNER = re.compile(
    r"(?P<fence>^[ ]{0,3}(?P<fchars>`{3,}|~{3,})(?P<info>[^\n]*)$)"
    r"|(?P<code>(?P<ticks>`+)[^`\n][^\n]{0,2000}?(?P=ticks)(?!`))"
    r"|(?P<tag>\{%-?\s*(?P<name>\w*)(?!\w)(?P<markup>(?:[^\n{]|\{(?!%)){0,2000}?)-?%\})"
    r"|(?P<output>\{\{(?P<expr>(?:[^\n{]|\{(?!\{)){0,2000}?)\}\})",
    re.MULTILINE,
)
_END_TAG = re.compile(r"\{%-?\s*end\s*(?P<name>\w*)\s*-?%\}")
_RAW_MARK = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_ROOT_URL = re.compile(r"^\s*(?:root_url|site\.root|site\.baseurl|site\.url)\s*$")
_SIMPLE_INFO = re.compile(r"^\s*\.?[\w#.+-]*\s*$")
# "linenos:false", "title:x": display options in a fence's info string (but
# not a URL's "https://").
_FENCE_OPTION = re.compile(r"(?<!\S)\w+:(?!//)\S*")

BLOCK_TAGS = {"codeblock", "highlight", "blockquote", "pullquote", "raw", "comment"}


@dataclass
class Converted:
    text: str
    warnings: list = field(default_factory=list)


def convert_liquid(text):
    """Convert ``text`` (a post body); return the new text and warnings for the author."""
    converter = _Converter()
    return Converted(converter.convert(text), converter.warnings)


def strip_raw_markers(text):
    return _RAW_MARK.sub("", text)


@functools.lru_cache(maxsize=256)
def _closes(found, name):
    """Whether ``{% endFOUND %}`` closes ``name``; a misspelling (``endcodeblok``) does."""
    if found == name:
        return True
    # The ratio cannot reach 0.75 for a name this much longer; skip the comparison.
    return (
        len(found) <= 2 * len(name) and difflib.SequenceMatcher(None, found, name).ratio() >= 0.75
    )


class _EndTags:
    """Every end tag of a text, looked up by the block it closes in logarithmic time.

    Searching the text again for each opening tag would cost time in
    proportion to the number of opening tags times the number of end tags.
    """

    def __init__(self, text):
        self.found = {name: [] for name in BLOCK_TAGS}
        for end in _END_TAG.finditer(text):
            for name in BLOCK_TAGS:
                if _closes(end.group("name").lower(), name):
                    self.found[name].append(end)
        self.starts = {name: [end.start() for end in ends] for name, ends in self.found.items()}

    def first(self, name, start):
        """The first end tag closing ``name`` at or after ``start``, or None."""
        index = bisect.bisect_left(self.starts[name], start)
        return self.found[name][index] if index < len(self.found[name]) else None


class _Converter:
    def __init__(self):
        self.warnings = []

    def warn(self, message):
        if message not in self.warnings:
            self.warnings.append(message)

    def convert(self, text):
        out = []
        pos = 0
        ends = _EndTags(text)
        while True:
            match = _SCANNER.search(text, pos)
            if match is None:
                out.append(text[pos:])
                return "".join(out)
            out.append(text[pos : match.start()])
            if match.group("fence"):
                piece, pos = self.fence(text, match)
            elif match.group("code"):
                piece, pos = strip_raw_markers(match.group(0)), match.end()
            elif match.group("output"):
                piece, pos = self.output(match), match.end()
            else:
                piece, pos = self.tag(text, match, ends)
            out.append(piece)

    def fence(self, text, match):
        chars = match.group("fchars")
        closing = re.compile(rf"^[ ]{{0,3}}{chars[0]}{{{len(chars)},}}[ \t]*$", re.MULTILINE)
        end = closing.search(text, match.end())
        if end is None:
            self.warn(_("a code fence is never closed"))
            body, after, pos = text[match.end() :], "", len(text)
        else:
            body, after, pos = text[match.end() : end.start()], end.group(0), end.end()
        opening = match.group(0)
        info = match.group("info")
        written_for_us = info.lstrip().startswith("{") or 'title="' in info
        if not written_for_us and not _SIMPLE_INFO.match(info):
            # Octopress's "```java [title] [url [link text]] [linenos:false]":
            # Python-Markdown wants the language alone, the rest as options.
            language, _space, markup = info.strip().partition(" ")
            markup = _FENCE_OPTION.sub(" ", markup)
            indent = opening[: opening.index(chars)]
            opening = indent + tags.fence_opening(chars, tags.clean_language(language), markup)
        return opening + strip_raw_markers(body) + after, pos

    def output(self, match):
        if _ROOT_URL.match(match.group("expr")):
            return ""
        self.warn(_("Liquid output %(code)s kept as text") % {"code": match.group(0)})
        return match.group(0)

    def tag(self, text, match, ends):
        name = match.group("name").lower()
        markup = match.group("markup").strip()
        if name == "end" and markup:
            name, markup = "end" + markup.split()[0].lower(), ""
        if name in BLOCK_TAGS:
            return self.block(text, match, name, markup, ends)
        handler = getattr(tags, f"render_{name}", None) if name in tags.INLINE_TAGS else None
        if handler is not None:
            try:
                piece, warning = handler(markup)
            except tags.TagError as exc:
                self.warn(f"{match.group(0)}: {exc}")
                return self.visible(match.group(0)), match.end()
            if warning:
                self.warn(warning)
            return piece, match.end()
        if name.startswith("end"):
            self.warn(_("%(tag)s has no opening tag; removed") % {"tag": match.group(0)})
            return "", match.end()
        self.warn(_("unknown tag %(tag)s kept as text") % {"tag": match.group(0)})
        return self.visible(match.group(0)), match.end()

    @staticmethod
    def visible(source):
        return f'<code class="liquid">{html.escape(source)}</code>'

    def find_end(self, ends, start, name):
        """The end tag closing ``name``; a misspelt one (``endcodeblok``) is accepted."""
        end = ends.first(name, start)
        if end is not None and end.group("name").lower() != name:
            self.warn(
                _("%(found)s read as the end of %(name)s") % {"found": end.group(0), "name": name}
            )
        return end

    def block(self, text, match, name, markup, ends):
        end = self.find_end(ends, match.end(), name)
        if end is None:
            inner, pos = text[match.end() :], len(text)
            if name not in {"raw", "codeblock", "highlight", "comment"}:
                self.warn(_("%(tag)s is never closed; removed") % {"tag": match.group(0)})
                return "", match.end()
            self.warn(_("%(tag)s is never closed") % {"tag": match.group(0)})
        else:
            inner, pos = text[match.end() : end.start()], end.end()
        if name == "raw":
            return inner, pos
        if name == "comment":
            return "", pos
        if name == "codeblock":
            return tags.render_codeblock(markup, strip_raw_markers(inner)), pos
        if name == "highlight":
            # Jekyll's own tag: {% highlight ruby linenos %}.
            language = markup.split()[0] if markup.split() else ""
            code = strip_raw_markers(inner)
            return tags.render_codeblock(f"lang:{language}" if language else "", code), pos
        # Nests at most two deep: an inner text never holds the end of its own kind.
        converted = self.convert(inner)
        if name == "blockquote":
            return tags.render_blockquote(markup, converted), pos
        piece, warning = tags.render_pullquote(markup, converted)
        if warning:
            self.warn(warning)
        return piece, pos
