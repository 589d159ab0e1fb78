"""Slugs made from titles, kept readable for Chinese titles."""

from django.utils.text import slugify

from posts.cjk import CJK_PUNCTUATION


def unicode_slug(text):
    """A lower-case Unicode slug of ``text``; CJK punctuation separates words."""
    return slugify(CJK_PUNCTUATION.sub(" ", text), allow_unicode=True)
