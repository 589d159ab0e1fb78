"""Per-reader values in pages that are cached for everyone.

A page is rendered with a placeholder wherever a value must differ from one
reader to the next (the CSRF token, the one-use comment token); the cached
copy keeps the placeholders, and every response replaces them with the
reader's own values: a string replacement, no template work, no JavaScript.

A placeholder is an HMAC of what it stands for under the site's secret
key, so no text in a post or comment can forge one, and it is made of
letters, digits and hyphens only, so HTML escaping leaves it intact.
"""

from django.utils.crypto import salted_hmac

from comments import spam
from posts.pagecache.csrf import get_token


def _csrf(request, _arg):
    return get_token(request)


def _comment_token(_request, post_id):
    return spam.issue_token(post_id)


FILLERS = {"csrf": _csrf, "comment-token": _comment_token}


class Holes:
    """The placeholders one page was rendered with: ``{placeholder: (kind, arg)}``."""

    def __init__(self, recorded=None):
        self.recorded = dict(recorded or {})

    def placeholder(self, kind, arg=None):
        digest = salted_hmac("posts.pagecache.holes", f"{kind}:{arg}").hexdigest()[:24]
        marker = f"hole-{kind}-{digest}"
        self.recorded[marker] = (kind, arg)
        return marker

    def fill(self, content, request):
        """``content`` (bytes) with each placeholder replaced by this reader's value."""
        for marker, (kind, arg) in self.recorded.items():
            value = FILLERS[kind](request, arg)
            content = content.replace(marker.encode(), value.encode())
        return content


def hole(request, kind, arg=None):
    """A per-reader value for a page: a placeholder when the page cache is
    rendering the page (filled in per response), else the value itself."""
    holes = getattr(request, "page_holes", None)
    if holes is None:
        return FILLERS[kind](request, arg)
    return holes.placeholder(kind, arg)
