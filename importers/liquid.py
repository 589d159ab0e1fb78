"""Octopress Liquid tags to the Markdown/HTML that ``render_post`` renders.

Code stays literal: fenced code, inline code, ``{% codeblock %}`` and
``{% raw %}`` bodies are never converted (only the raw markers, which Jekyll
itself would have removed, are dropped). Unknown tags stay visible and are
reported, so nothing an author wrote disappears silently.
"""

import difflib
import html
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from importers import liquid_tags as tags

# Spans are bounded so that a long line full of "{%" or backticks costs
# linear time, not quadratic.
_SCANNER = re.compile(
    r"(?P<fence>^[ ]{0,3}(?P<fchars>`{3,}|~{3,})(?P<info>[^\n]*)$)"
    r"|(?P<code>(?P<ticks>`+)[^`\n][^\n]{0,2000}?(?P=ticks)(?!`))"
    r"|(?P<tag>\{%-?\s*(?P<name>\w*)(?P<markup>[^\n]{0,2000}?)-?%\})"
    r"|(?P<output>\{\{(?P<expr>[^\n]{0,2000}?)\}\})",
    re.MULTILINE,
)
_END_TAG = re.compile(r"\{%-?\s*end\s*(?P<name>\w*)\s*-?%\}")
_RAW_MARK = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_ROOT_URL = re.compile(r"^\s*(?:root_url|site\.root|site\.baseurl|site\.url)\s*$")
_SIMPLE_INFO = re.compile(r"^\s*\.?[\w#.+-]*\s*$")
# "linenos:false", "title:x": display options in a fence's info string (but
# not a URL's "https://").
_FENCE_OPTION = re.compile(r"(?:^|\s)\w+:(?!//)\S*")

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


class _Converter:
    def __init__(self):
        self.warnings = []

    def warn(self, message):
        if message not in self.warnings:
            self.warnings.append(message)

    def convert(self, text):
        out = []
        pos = 0
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
                piece, pos = self.tag(text, match)
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

    def tag(self, text, match):
        name = match.group("name").lower()
        markup = match.group("markup").strip()
        if name == "end" and markup:
            name, markup = "end" + markup.split()[0].lower(), ""
        if name in BLOCK_TAGS:
            return self.block(text, match, name, markup)
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

    def find_end(self, text, start, name):
        """The end tag closing ``name``; a misspelt one (``endcodeblok``) is accepted."""
        for end in _END_TAG.finditer(text, start):
            found = end.group("name").lower()
            if found == name:
                return end
            if difflib.SequenceMatcher(None, found, name).ratio() >= 0.75:
                self.warn(
                    _("%(found)s read as the end of %(name)s")
                    % {"found": end.group(0), "name": name}
                )
                return end
        return None

    def block(self, text, match, name, markup):
        end = self.find_end(text, match.end(), name)
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
        converted = self.convert(inner)
        if name == "blockquote":
            return tags.render_blockquote(markup, converted), pos
        piece, warning = tags.render_pullquote(markup, converted)
        if warning:
            self.warn(warning)
        return piece, pos
