"""Slugs made from titles, kept readable for Chinese titles."""

import re

from django.utils.text import slugify

# CJK symbols and punctuation, and the full-width ASCII punctuation (not the
# full-width letters and digits). Must match CJK_PUNCTUATION in
# static/admin-editor/editor.js, which does the same in the admin.
CJK_PUNCTUATION = re.compile("[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")


def unicode_slug(text):
    """A lower-case Unicode slug of ``text``; CJK punctuation separates words."""
    return slugify(CJK_PUNCTUATION.sub(" ", text), allow_unicode=True)
