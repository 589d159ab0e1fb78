"""One function per Octopress tag, each ported from the plugin's own parsing.

A tag's markup is the text between its name and ``%}``. Each ``render_*``
returns Markdown/HTML for ``render_post``; inline tags also return a warning
for the author, or None.
"""

import html
import re

from django.utils.translation import gettext as _

INLINE_TAGS = {"img", "gist", "include_code"}

# "(?<!\s)" lets a match start only where a run of blanks starts, so a long
# run costs its length once rather than once per blank.
_LANG = re.compile(r"(?<!\s)\s*\blang:(\S+)", re.IGNORECASE)
# Display options of codeblock and include_code that have no meaning here.
_OPTIONS = re.compile(r"(?<!\s)\s*\b(?:linenos|start|end|range|mark):\S+", re.IGNORECASE)
_CAPTION_URL = re.compile(r"(\S[\S\s]*)\s+(https?://\S+|/\S+)\s*(.+)?", re.IGNORECASE)
_IMG = re.compile(
    r"(?P<cls>\S.*\s+)?(?P<src>(?:https?://|/|\S+/)\S+)"
    r"(?:\s+(?P<width>\d+))?(?:\s+(?P<height>\d+))?(?P<title>\s+.+)?",
    re.IGNORECASE,
)
_IMG_TITLE_ALT = re.compile(r"""["'](?P<title>[^"']+)?["']\s+["'](?P<alt>[^"']+)?["']""")
_FULL_CITE_TITLE = re.compile(r"(\S.*)\s+(https?://)(\S+)\s+(.+)", re.IGNORECASE)
_FULL_CITE = re.compile(r"(\S.*)\s+(https?://)(\S+)", re.IGNORECASE)
_AUTHOR_TITLE = re.compile(r"([^,]+),([^,]+)")
_PULLED = re.compile(r"\{\"\s*(.+?)\s*\"\}", re.DOTALL)


class TagError(ValueError):
    """A tag whose markup makes no sense; it is kept as text and reported."""


def clean_language(word):
    """A language name as Python-Markdown's fence accepts it (``.java`` → ``java``)."""
    return re.sub(r"[^\w#.+-]", "", word.lstrip(".")).strip(".")


def _single_spaced(markup):
    """``markup`` with each run of blanks made one space.

    The patterns below, ported from the plugins, put ``.*`` beside ``\\s+``:
    on a long run of blanks that costs time in proportion to its square.
    """
    return " ".join(markup.split())


def _attrs(**values):
    return " ".join(f'{key}="{html.escape(value)}"' for key, value in values.items() if value)


def _fence_for(code):
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _block(text):
    # Blank lines around a block keep Markdown from gluing it to a paragraph.
    return f"\n\n{text.strip(chr(10))}\n\n"


def render_codeblock(markup, code):
    """``{% codeblock [title] [lang:x] [url [link text]] %}`` → fenced code with a caption."""
    language = None
    found = _LANG.search(markup)
    if found:
        language = found.group(1)
        markup = markup[: found.start()] + markup[found.end() :]
    code = code.strip("\n")
    return _block(
        f"{fence_opening(_fence_for(code), language, markup)}\n{code}\n{_fence_for(code)}"
    )


def fence_opening(fence, language, markup):
    """The opening line of a fence for code in ``language`` (may be None).

    ``markup`` is Octopress's ``[title] [url [link text]]`` after the language;
    the title and link travel as fence options, which the renderer puts in
    the code block's caption. Without a language, a file name's extension in
    the title gives it.
    """
    markup = _single_spaced(_OPTIONS.sub("", markup))
    title = url = link_text = None
    caption = _CAPTION_URL.fullmatch(markup)
    if caption:
        title, url, link_text = caption.group(1), caption.group(2), caption.group(3) or "link"
    elif markup:
        title = markup
    if language is None and title:
        extensions = re.findall(r"\w\.(\w+)", title)
        language = extensions[-1] if extensions else None
    language = clean_language(language or "")
    options = [f".{language}"] if language else []
    for key, value in (("title", title), ("url", url), ("url_text", url and link_text)):
        if value:
            options.append(f'{key}="{_option_value(value)}"')
    return fence + (f"{{ {' '.join(options)} }}" if title else language)


def _option_value(text):
    # A fence option's value ends at the next double quote and cannot span lines.
    return " ".join(text.replace('"', "”").split())


def render_img(markup):
    """``{% img [class] /path [width [height]] [title ["alt"]] %}`` → ``<img>``."""
    found = _IMG.fullmatch(_single_spaced(markup))
    if not found:
        raise TagError(_("no image path"))
    values = {key: (value or "").strip() for key, value in found.groupdict().items()}
    title, alt = values["title"], ""
    both = _IMG_TITLE_ALT.search(title)
    if both:
        title, alt = both.group("title") or "", both.group("alt") or ""
    else:
        title = title.strip("\"'")
        alt = title
    tag = _attrs(
        **{"class": values["cls"].replace('"', "")},
        src=values["src"],
        width=values["width"],
        height=values["height"],
        title=title,
        alt=alt,
    )
    return f"<img {tag}>", None


def _titlecase(text):
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def _short_source(url):
    """Octopress's link text for a source URL: host and path cut near 32 characters."""
    parts = []
    for part in re.sub(r"^https?://", "", url).split("/"):
        if len("/".join([*parts, part])) < 32:
            parts.append(part)
    short = "/".join(parts)
    return short if short == url else short + "/…"


def render_blockquote(markup, quote):
    """``{% blockquote [author[, title]] [url [link title]] %}`` → blockquote with a footer."""
    by = source = title = None
    markup = _single_spaced(markup)
    if found := _FULL_CITE_TITLE.fullmatch(markup):
        by, source, title = found.group(1), found.group(2) + found.group(3), found.group(4)
    elif found := _FULL_CITE.fullmatch(markup):
        by, source = found.group(1), found.group(2) + found.group(3)
    elif found := _AUTHOR_TITLE.fullmatch(markup):
        by, title = found.group(1), found.group(2)
    elif markup:
        by = markup
    lines = [f"> {line}" if line.strip() else ">" for line in quote.strip("\n").split("\n")]
    footer = []
    if by:
        footer.append(f"<strong>{html.escape(by.strip())}</strong>")
    if source:
        text = _titlecase(title) if title else _short_source(source)
        footer.append(f"<cite><a {_attrs(href=source)}>{html.escape(text)}</a></cite>")
    elif title:
        footer.append(f"<cite>{html.escape(_titlecase(title))}</cite>")
    if footer:
        lines += [">", f'> <span class="quote-source">— {" ".join(footer)}</span>']
    # Markdown joins a blockquote to one right after it; the comment keeps
    # two quoted passages apart.
    return _block("\n".join(lines) + "\n\n<!-- -->")


def render_pullquote(markup, text):
    """``{% pullquote [left] %} … {" pulled "} … {% endpullquote %}`` → aside and text."""
    align = "left" if markup.strip().lower() == "left" else "right"
    found = _PULLED.search(text)
    if not found:
        return _block(text), _('a pullquote without {" "} around the quote')
    pulled = found.group(1)
    body = text[: found.start()] + pulled + text[found.end() :]
    aside = f'<aside class="pullquote pullquote-{align}">{html.escape(pulled)}</aside>'
    return _block(f"{aside}\n\n{body.strip()}"), None


def render_gist(markup):
    """``{% gist id [file] %}`` → a link to the gist; no script is loaded from the network."""
    words = markup.split()
    if not words or not re.fullmatch(r"[\w/-]+", words[0]):
        raise TagError(_("no gist id"))
    gist_id, file_name = words[0], " ".join(words[1:])
    url = f"https://gist.github.com/{gist_id}"
    label = f"gist {gist_id}"
    if file_name:
        url += "#file-" + re.sub(r"[^a-z0-9]+", "-", file_name.lower()).strip("-")
        label += f" · {file_name}"
    return _block(f'<p class="gist"><a {_attrs(href=url)}>{html.escape(label)}</a></p>'), None


def render_include_code(markup):
    """``{% include_code [title] [lang:x] path %}`` → a link to the file under /downloads/code/."""
    markup = _OPTIONS.sub("", _LANG.sub("", markup)).strip()
    found = re.fullmatch(r"(.*?)(?:\s+|^)/*(\S+)", markup)
    if not found:
        raise TagError(_("no file to include"))
    title, path = found.group(1).strip(), found.group(2)
    url = f"/downloads/code/{path}"
    link = f"<a {_attrs(href=url)}>{html.escape(title or path)}</a>"
    warning = _("include_code links to %(url)s: copy the file there or paste the code") % {
        "url": url
    }
    return _block(f'<p class="include-code">{link}</p>'), warning
