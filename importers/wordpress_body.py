"""WordPress post bodies as Markdown source that renders as WordPress showed them.

WordPress stores HTML in which blank-line separated text is a paragraph and
a single line break is a ``<br>`` (its ``wpautop``). Here every paragraph
becomes an explicit HTML block, which the Markdown renderer passes through
untouched; the HTML is sanitised with nh3 first (no scripts, styles, frames
or event handlers). ``[code]``/``[sourcecode]`` shortcodes and ``<pre>``
blocks with a language become fenced code blocks, highlighted by the
renderer; ``[caption]`` becomes a ``<figure>``; ``<!--more-->`` is kept as
the excerpt marker. Other shortcodes stay as visible text and are reported.
"""

import html
import re
from dataclasses import dataclass, field

import nh3
from django.utils.translation import gettext as _

# Blocks that hold other blocks: their inner text is paragraphed on its own.
CONTAINERS = (
    "address|article|aside|blockquote|center|colgroup|details|div|dl|footer|header|hgroup|"
    "map|nav|ol|section|table|tbody|tfoot|thead|tr|ul"
)
# Blocks that hold text: never split inside.
LEAVES = "caption|col|dd|dt|figcaption|figure|h[1-6]|hr|li|p|pre|summary|td|th"
BLOCK_TAGS = f"{CONTAINERS}|{LEAVES}"
_CONTAINER_TAG = re.compile(rf"</?(?:{CONTAINERS})(?:\s[^>]*)?>", re.IGNORECASE)
_LEAF_OPEN = re.compile(rf"<(?:{LEAVES})(?=[\s/>])", re.IGNORECASE)
_LEAF_CLOSE = re.compile(rf"</(?:{LEAVES})\s*>", re.IGNORECASE)
_STARTS_WITH_BLOCK = re.compile(rf"</?(?:{BLOCK_TAGS})(?=[\s/>])", re.IGNORECASE)
# Regexes here read uploaded text: each runs in linear time (the lookarounds
# stop a run of word characters being tried at every one of its positions).
_SHORTCODE = re.compile(r"\[(/?)([A-Za-z][\w-]*)(?=[\s\]/])([^\[\]]*)\]")
_ATTRIBUTE = re.compile(r"""(?<![\w-])([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_MORE = re.compile(r"<!--\s*more\b[^>]*-->", re.IGNORECASE)
_PRE_OPEN = re.compile(r"<pre\b([^>]*)>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_CODE_OPEN = re.compile(r"<code\b[^>]*>", re.IGNORECASE)
_LANGUAGE = re.compile(r"(?:brush:\s*|language-|lang-)([\w+#.-]+)", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_TOKEN = re.compile(r"WPIMPORTBLOCK(\d+)X")
# SyntaxHighlighter's names that Pygments spells differently.
_LANGUAGE_NAMES = {"plain": "text", "jscript": "js", "shell": "bash", "vb": "vbnet"}
CODE_SHORTCODES = ("code", "sourcecode")
KNOWN_SHORTCODES = (*CODE_SHORTCODES, "caption", "wp_caption")

_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title", "lang"},
    "img": {"src", "alt", "width", "height", "title", "srcset", "sizes", "loading"},
    "a": {"href", "hreflang", "title", "name"},
}


@dataclass
class ConvertedBody:
    text: str
    warnings: list = field(default_factory=list)


def attributes(text):
    """A shortcode's ``name="value"`` attributes as a dict (quotes optional)."""
    return {
        match.group(1).lower(): next(g for g in match.groups()[1:] if g is not None)
        for match in _ATTRIBUTE.finditer(text)
    }


def _fence(code, language):
    language = _LANGUAGE_NAMES.get(language.lower(), language.lower())
    language = re.sub(r"[^\w+#.-]", "", language)
    code = code.strip("\n")
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{code}\n{fence}"


def _code_text(code):
    # The visual editor stores "<" as "&lt;"; code typed raw has a real "<".
    return code if "<" in code else html.unescape(code)


class _Blocks:
    """Pieces of the body kept out of sanitising and paragraphing, by token."""

    def __init__(self):
        self.pieces = []

    def keep(self, text):
        self.pieces.append(text)
        return f"\n\nWPIMPORTBLOCK{len(self.pieces) - 1}X\n\n"

    def restore(self, chunk):
        match = _TOKEN.fullmatch(chunk)
        if match:
            return self.pieces[int(match.group(1))]
        # A token inside other text cannot be a block of its own.
        return _TOKEN.sub(lambda m: html.escape(self.pieces[int(m.group(1))]), chunk)


def _enclosed(text, opener, closer, convert):
    """Replace each ``opener``-match … ``closer`` span by ``convert(match, inner)``.

    A linear scan: an opener without its closer is left as it is.
    """
    out, position = [], 0
    lower = text.lower()
    while (match := opener.search(text, position)) is not None:
        close = closer(match)
        end = lower.find(close, match.end())
        if end < 0:
            out.append(text[position : match.end()])
            position = match.end()
            continue
        out.append(text[position : match.start()])
        out.append(convert(match, text[match.end() : end]))
        position = end + len(close)
    out.append(text[position:])
    return "".join(out)


def _code_shortcodes(text, blocks):
    opener = re.compile(rf"\[({'|'.join(CODE_SHORTCODES)})\b([^\[\]]*)\]", re.IGNORECASE)

    def convert(match, inner):
        found = attributes(match.group(2))
        language = found.get("lang") or found.get("language") or ""
        return blocks.keep(_fence(_code_text(inner), language))

    return _enclosed(text, opener, lambda m: f"[/{m.group(1).lower()}]", convert)


def _unwrap_code(inner):
    """``(code, its <code> tag)`` when ``inner`` is one ``<code>`` element, else (inner, "")."""
    stripped = inner.strip()
    opening = _CODE_OPEN.match(stripped)
    if opening and stripped.lower().endswith("</code>"):
        return stripped[opening.end() : -len("</code>")], opening.group(0)
    return inner, ""


def _pre_blocks(text, blocks):
    def convert(match, inner):
        attrs = match.group(1)
        code, wrapped = _unwrap_code(inner)
        language = _LANGUAGE.search(attrs + " " + wrapped)
        lang_attribute = attributes(attrs).get("lang", "")
        if _TAG.search(code) is None and (language or lang_attribute or wrapped):
            name = language.group(1) if language else lang_attribute
            return blocks.keep(_fence(html.unescape(code), name))
        return blocks.keep(nh3.clean(f"<pre{attrs}>{inner}</pre>", attributes=_ATTRIBUTES))

    return _enclosed(text, _PRE_OPEN, lambda m: "</pre>", convert)


def _captions(text):
    opener = re.compile(r"\[(caption|wp_caption)\b([^\[\]]*)\]", re.IGNORECASE)

    def convert(match, inner):
        found = attributes(match.group(2))
        image_end = max(inner.rfind("</a>") + 4, inner.find(">") + 1 if "<img" in inner else 0)
        image, caption = inner[:image_end], inner[image_end:].strip() or found.get("caption", "")
        align = re.sub(r"[^\w-]", "", found.get("align", ""))
        return (
            f'\n\n<figure class="wp-caption {align}">{image.strip()}'
            f"<figcaption>{caption}</figcaption></figure>\n\n"
        )

    return _enclosed(text, opener, lambda m: f"[/{m.group(1).lower()}]", convert)


def _unknown_shortcodes(text):
    names = []
    for match in _SHORTCODE.finditer(text):
        name = match.group(2)
        if name.lower() not in KNOWN_SHORTCODES and name not in names and not match.group(1):
            names.append(name)
    return names


def _paragraph(chunk):
    if _STARTS_WITH_BLOCK.match(chunk):
        return chunk
    return "<p>" + chunk.replace("\n", "<br>\n") + "</p>"


def convert_body(content):
    """Convert a WordPress body to the Markdown source stored for the post."""
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _Blocks()
    text = _code_shortcodes(text, blocks)
    text = _pre_blocks(text, blocks)
    text = _MORE.sub(lambda m: blocks.keep("<!-- more -->"), text)
    text = _captions(text)
    warnings = [
        _("[%(name)s] kept as text (shortcode not converted)") % {"name": name}
        for name in _unknown_shortcodes(text)
    ]
    if re.search(r"<(?:script|iframe|object|embed|style)\b", text, re.IGNORECASE):
        warnings.append(_("scripts, styles, frames and embeds removed"))
    text = nh3.clean(text, attributes=_ATTRIBUTES, link_rel=None)
    # As wpautop does: every block starts a paragraph of its own.
    text = _CONTAINER_TAG.sub(lambda m: f"\n\n{m.group(0)}\n\n", text)
    text = _LEAF_OPEN.sub(lambda m: "\n\n" + m.group(0), text)
    text = _LEAF_CLOSE.sub(lambda m: m.group(0) + "\n\n", text)
    chunks = [chunk.strip() for chunk in _BLANK_LINES.split(text)]
    out = [
        blocks.restore(chunk) if _TOKEN.search(chunk) else _paragraph(chunk)
        for chunk in chunks
        if chunk
    ]
    return ConvertedBody("\n\n".join(out), warnings)
