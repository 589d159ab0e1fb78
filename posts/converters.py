"""Path converters for Octopress-style permalinks.

Dates keep their zero padding when reversed; a slug is any run of characters
without a slash, since imported Octopress slugs keep dots, colons and case.
"""


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
        return value
