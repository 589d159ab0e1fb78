"""Addresses a post or page had on the blog it was imported from (Jekyll, WordPress).

An imported post lives at this blog's own ``/blog/YYYY/MM/DD/slug/`` URL (a
page at ``/slug/``); the address it had before (``/blog/some-post.html``, ``/?p=123``) is recorded
here in its normal form (see :func:`normal_path`) and answered with a
permanent redirect by ``posts.middleware.OriginalURLFallbackMiddleware``
whenever nothing else answers it.
"""

from urllib.parse import parse_qsl, unquote, urlsplit

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_PATH_LENGTH = 500
# Query strings that name a post on a WordPress blog's front page.
WORDPRESS_QUERIES = ("p", "page_id")
_INDEX_FILES = ("index.html", "index.htm", "index.php")
_MAX_QUERY_FIELDS = 20


def normal_path(url):
    """The one spelling of an address used to record and look it up.

    The host and scheme are dropped; the path is percent-decoded, loses a
    trailing ``index.html`` (or ``index.php``) and its trailing slash, and
    starts with one slash. A WordPress ``?p=N`` or ``?page_id=N`` on the
    front page is kept (``/?p=12``); any other query string is dropped.
    Returns "" for an address that cannot be recorded (unreadable, too long,
    NUL byte).
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # a bracketed host that is no IPv6 address
        return ""
    path = parts.path
    if not parts.scheme and not parts.netloc and "." in path.split("/", 1)[0]:
        path = path.partition("/")[2]  # "blog.example.com/a/b" written without a scheme
    return request_path(path, parts.query)


def request_path(path, query=""):
    """:func:`normal_path` of a request's (percent-encoded) path and query string."""
    path = unquote(path, errors="replace")
    segments = [segment for segment in path.split("/") if segment]
    if segments and segments[-1].lower() in _INDEX_FILES:
        segments.pop()
    path = "/" + "/".join(segments)
    if path == "/" and query:
        try:
            pairs = parse_qsl(query, max_num_fields=_MAX_QUERY_FIELDS)
        except ValueError:  # more fields than any WordPress link has
            pairs = []
        for key, value in pairs:
            if key in WORDPRESS_QUERIES and value.isdigit() and len(value) < 19:
                path = f"/?{key}={int(value)}"
                break
    if len(path) > MAX_PATH_LENGTH or "\x00" in path:
        return ""
    return path


class OriginalURL(models.Model):
    """One old address of one imported post or standalone page."""

    post = models.ForeignKey(
        "posts.Post",
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="original_urls",
        null=True,
        blank=True,
    )
    page = models.ForeignKey(
        "posts.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="original_urls",
        null=True,
        blank=True,
    )
    # Always in normal_path() form; unique, so that a lookup is one indexed query.
    path = models.CharField(_("path"), max_length=MAX_PATH_LENGTH, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("original URL")
        verbose_name_plural = _("original URLs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(post__isnull=False, page__isnull=True)
                | models.Q(post__isnull=True, page__isnull=False),
                name="original_url_post_or_page",
            ),
        ]

    def __str__(self):
        return self.path

    @property
    def target(self):
        """The post or page this address stands for."""
        return self.post if self.post_id else self.page
