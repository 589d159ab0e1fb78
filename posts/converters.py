"""Path converters for Octopress-style permalinks.

Dates keep their zero padding when reversed; a slug is any run of characters
without a slash, since imported Octopress slugs keep dots, colons and case.
"""

import re
from urllib.parse import quote, unquote

# What reverse() leaves unescaped in a path, so that quote() below gives the
# same spelling as a URL Django builds.
_PATH_SAFE = "!$&'()*+,;=~:@"


def slug_spellings(slug):
    """Every stored spelling a slug taken from a (decoded) URL may have.

    An Octopress file named ``%E4%B8%AD.markdown`` keeps its percent-encoded
    slug, while its URL reaches the view already decoded as ``中``.
    """
    spellings = [slug]
    if not slug.isascii():
        encoded = quote(slug, safe=_PATH_SAFE)
        spellings += [encoded, re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), encoded)]
    return spellings


class _Digits:
    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):0{self.width}d}"


class YearConverter(_Digits):
    regex = "[0-9]{4}"
    width = 4


class MonthConverter(_Digits):
    regex = "[0-9]{1,2}"
    width = 2


class DayConverter(_Digits):
    regex = "[0-9]{1,2}"
    width = 2


class SlugPartConverter:
    # No slash, and no control characters (PostgreSQL refuses NUL in text).
    regex = "[^/\\x00-\\x1f\\x7f]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        # A percent-encoded slug is given decoded, so that reverse() encodes
        # it once: the URL is then spelt as Octopress spelt it.
        if "%" in value:
            try:
                decoded = unquote(value, errors="strict")
            except UnicodeDecodeError:
                return value
            same = quote(decoded, safe=_PATH_SAFE).lower() == value.lower()
            if same and decoded and "/" not in decoded:
                return decoded
        return value
