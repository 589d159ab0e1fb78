"""Marking query terms in titles and cutting a snippet around the first match."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 140
# How much of the snippet comes before the first match.
LEAD = 40


def term_pattern(terms):
    """One compiled expression finding any of ``terms``, longest first."""
    if not terms:
        return None
    ordered = sorted(terms, key=lambda term: len(term.text), reverse=True)
    return re.compile("|".join(term.pattern for term in ordered))


def mark(text, pattern):
    """``text`` escaped, with every match of ``pattern`` in ``<mark>``."""
    if pattern is None:
        return escape(text)
    parts = []
    end = 0
    for match in pattern.finditer(text):
        if match.start() == match.end():
            continue
        parts.append(escape(text[end : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        end = match.end()
    parts.append(escape(text[end:]))
    return mark_safe("".join(parts))


def snippet(text, pattern, length=SNIPPET_LENGTH):
    """About ``length`` characters of ``text`` around the first match, terms marked.

    Without a match in ``text`` (the hit was in the title or tags) the snippet
    is the start of the text.
    """
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - LEAD) if match else 0
    if start:
        # Start at a word boundary when one is close, so no word is cut in two.
        space = text.find(" ", start, start + 15)
        start = space + 1 if space != -1 and (match is None or space < match.start()) else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", end - 15, end)
        end = space if space > start and (match is None or space >= match.end()) else end
    fragment = mark(text[start:end], pattern)
    return mark_safe(("… " if start else "") + fragment + (" …" if end < len(text) else ""))
