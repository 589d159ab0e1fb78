"""Highlighted code blocks as figures: language, optional caption, room for a copy button.

Every block Pygments highlights becomes::

    <figure class="code-block">
      <figcaption class="code-caption">
        <span class="code-title">app.py</span> <span class="code-lang">Python</span>
      </figcaption>
      <div class="highlight">…</div>
    </figure>

The caption comes from a fence option (```` ```python title="app.py" ```` or
```` ``` { .python title="app.py" } ````), or from Octopress's
``{% codeblock title lang:x url %}`` through the importer, which writes the
same option. The copy button is not stored: static/js/code-copy.js adds it,
so a page without JavaScript has no button that does nothing.
"""

import functools
import html
import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

# Languages whose blocks get no label: there is nothing to tell the reader.
_PLAIN = {"", "text", "plain", "none", "None", "txt"}

# An opening fence with a language and title="…" after it, the form people
# write by habit. Python-Markdown reads options only inside { }, so this line
# is rewritten into that form. No nested quantifiers: linear in the line.
_TITLED_FENCE = re.compile(
    r"(?P<fence>`{3,}|~{3,})[ ]*\.?(?P<lang>[\w#.+-]*)[ ]+(?P<options>title=\"[^\"\n]*\")[ ]*"
)
_FENCE = re.compile(r"(`{3,}|~{3,})")


@functools.lru_cache(maxsize=512)
def language_name(lang):
    """A language's name as readers know it (``py`` → ``Python``), '' for plain text."""
    if lang in _PLAIN:
        return ""
    try:
        return get_lexer_by_name(lang).name
    except ClassNotFound:
        return lang


# (style, class prefix) -> Pygments' (ttype2class, class2style) tables.
_STYLESHEETS = {}


class CodeBlockFormatter(HtmlFormatter):
    """Pygments' HTML wrapped in a figure whose caption names the language and title."""

    def __init__(self, **options):
        lang_str = options.pop("lang_str", "") or ""
        self.caption_language = language_name(lang_str.removeprefix("language-"))
        self.caption_title = str(options.pop("title", "") or "").strip()
        self.caption_url = str(options.pop("url", "") or "").strip()
        self.caption_url_text = str(options.pop("url_text", "") or "").strip()
        super().__init__(**options)

    def _create_stylesheet(self):
        # Pygments builds the same token-to-class tables for every block it
        # formats; they depend on the style and class prefix alone, and are
        # only read afterwards, so one copy serves every block.
        key = (self.style, self.classprefix)
        if key not in _STYLESHEETS:
            super()._create_stylesheet()
            _STYLESHEETS[key] = (self.ttype2class, self.class2style)
        self.ttype2class, self.class2style = _STYLESHEETS[key]

    def caption(self):
        parts = []
        if self.caption_title:
            parts.append(f'<span class="code-title">{html.escape(self.caption_title)}</span>')
        if self.caption_url:
            url, text = html.escape(self.caption_url), html.escape(self.caption_url_text)
            parts.append(f'<a class="code-source" href="{url}">{text or url}</a>')
        if self.caption_language:
            parts.append(f'<span class="code-lang">{html.escape(self.caption_language)}</span>')
        if not parts:
            return ""
        return f'<figcaption class="code-caption">{" ".join(parts)}</figcaption>'

    def format_unencoded(self, tokensource, outfile):
        outfile.write(f'<figure class="code-block">{self.caption()}')
        super().format_unencoded(tokensource, outfile)
        outfile.write("</figure>")


def make_scrollers_focusable(fragment):
    """Let keyboards reach each code block's scrolling box (``tabindex="0"``).

    ``fragment`` is the parsed tree of rendered HTML (posts.rendering.html5).
    A long line scrolls inside the block; without a tab stop, a reader who
    does not use a mouse could not scroll it.
    """
    for figure in fragment.iter("figure"):
        if "code-block" not in figure.get("class", "").split():
            continue
        for box in figure.iter("div"):
            if box.get("class", "").split()[:1] == ["highlight"]:
                box.set("tabindex", "0")
                break


class TitledFencePreprocessor(Preprocessor):
    """Rewrite ```` ```python title="app.py" ```` as ```` ``` { .python title="app.py" } ````.

    Lines inside a fenced block are code and left alone.
    """

    def run(self, lines):
        result = []
        open_fence = None
        for line in lines:
            if open_fence is not None:
                stripped = line.rstrip()
                if stripped.startswith(open_fence) and not stripped.strip(open_fence[0]):
                    open_fence = None
                result.append(line)
                continue
            titled = _TITLED_FENCE.fullmatch(line)
            if titled:
                lang = titled.group("lang")
                lang_class = f".{lang} " if lang else ""
                line = f"{titled.group('fence')}{{ {lang_class}{titled.group('options')} }}"
                open_fence = titled.group("fence")
            elif fence := _FENCE.match(line):
                open_fence = fence.group(1)
            result.append(line)
        return result


class CodeBlockExtension(Extension):
    def extendMarkdown(self, md):
        # Before fenced_code (25), which reads the rewritten fences.
        md.preprocessors.register(TitledFencePreprocessor(md), "titled_fence", 26)
