"""Compressed copies of cached pages, for readers whose clients accept gzip.

A page is compressed once, when it is stored, and every reader whose browser
or feed reader sends ``Accept-Encoding: gzip`` then gets those bytes: an Atom
feed of twenty full posts is about 400 KB, a sixth of that compressed, and
feed readers fetch it all day long. Compressing per response (Django's
``GZipMiddleware``, a proxy's ``gzip on``) would redo that work every time.

Pages with per-reader tokens are never compressed: the tokens are filled into
the plain text per response, and secrets compressed beside text a reader can
choose are what the BREACH attack reads.
"""

import gzip
from functools import lru_cache

# Below this a response is about one packet either way.
MIN_SIZE = 1024
GZIP = "gzip"


def compressed(content):
    """``content`` gzipped (the same bytes on every process), or None when not worth it."""
    if len(content) < MIN_SIZE:
        return None
    smaller = gzip.compress(content, compresslevel=6, mtime=0)
    return smaller if len(smaller) < len(content) else None


# Asked on every cache hit; clients send a handful of distinct headers.
@lru_cache(maxsize=256)
def accepts_gzip(accept_encoding):
    """Whether an ``Accept-Encoding`` header value accepts gzip (RFC 9110 12.5.3).

    ``gzip`` (or ``x-gzip``) with a non-zero weight, or else ``*`` with one.
    """
    weights = {}
    for coding in accept_encoding.split(","):
        name, _, parameters = coding.partition(";")
        name = name.strip().lower()
        weight = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = 0.0
        weights.setdefault("gzip" if name == "x-gzip" else name, weight)
    weight = weights.get("gzip", weights.get("*", 0.0))
    return weight > 0


def variant_etag(etag):
    """The ETag of the gzipped variant of the representation tagged ``etag``."""
    return f'{etag[:-1]}-{GZIP}"'
