"""Readers' comments: a small Markdown subset, sanitised with nh3."""

import re
import unicodedata
from urllib.parse import urlsplit

import markdown
import nh3
from django.utils.html import escape

ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "a", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# Browsers drop ASCII tabs and newlines anywhere in a URL and control
# characters at its ends, so "java\tscript:" still runs. Judge a link by what
# is left once every such character (and invisible format characters) is gone.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def _visible(url):
    stripped = _INVISIBLE.sub("", url)
    return "".join(ch for ch in stripped if unicodedata.category(ch) != "Cf")


def _safe_href(tag, attribute, value):
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


def render_comment(source):
    """Render a reader's comment to HTML that carries no executable content.

    Markdown nested too deeply for the parser is shown as plain text.
    """
    try:
        html = markdown.markdown(source or "", extensions=["fenced_code", "nl2br", "sane_lists"])
    except RecursionError:
        return "<p>" + escape(source).replace("\n", "<br>") + "</p>"
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
        attribute_filter=_safe_href,
        # A long line scrolls inside its block: keyboards must be able to reach it.
        set_tag_attribute_values={"pre": {"tabindex": "0"}},
    )
