"""Slugs a standalone page may not take: the first path segments of the blog's own URLs.

Read from the URLconf rather than listed by hand, so that a URL added later
(``/series/``, ``/search/``, an app mounted at ``/shop/``) is protected
without anyone remembering to update a list.
"""

from django.conf import settings
from django.urls import URLPattern, get_resolver
from django.urls.resolvers import RegexPattern

_LITERAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~/")


def _literal_start(pattern):
    """The literal text a URL pattern starts with (``"blog/"`` for ``blog/<yyyy:year>/…``),
    and whether that is the whole pattern."""
    if isinstance(pattern, RegexPattern):
        text = pattern.regex.pattern.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
        text = text.replace(r"\.", ".").replace(r"\-", "-")
    else:
        text = str(pattern)
    length = 0
    while length < len(text) and text[length] in _LITERAL_CHARS:
        length += 1
    return text[:length], length == len(text)


def _first_segments(patterns, prefix=""):
    for entry in patterns:
        literal, whole = _literal_start(entry.pattern)
        path = prefix + literal
        if "/" in path:
            yield path.partition("/")[0]  # "blog/…", "admin/"
        elif whole and isinstance(entry, URLPattern):
            yield path  # "atom.xml", "healthz"
        elif whole:
            # An include() mounted at the root: its own patterns name the segment.
            yield from _first_segments(entry.url_patterns, path)
        # Otherwise the pattern starts with a converter, like the pages' own
        # "<slug>/": it reserves nothing.


def reserved_slugs(urlconf=None):
    """Lower-case first path segments used by the URLconf and by static and media files."""
    names = set(_first_segments(get_resolver(urlconf).url_patterns))
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        if url and url.startswith("/"):
            names.add(url.strip("/").partition("/")[0])
    return {name.lower() for name in names if name}
