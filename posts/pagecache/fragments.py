"""Fragments cached per object: a post's entry in a list, a post's comments.

A page the page cache does not have (``PAGE_CACHE=0``, a reader with a
session, the first request after a change) spent most of its time rendering
the same entries and comments again. Each fragment is stored under a digest
of everything it shows, the language, the time zone and the release
(``generation.release``: every deploy), so it is exact by construction: an
edit, a re-render, a comment approved or a new count changes the digest and
the next request renders that fragment afresh, while the fragments of every
other object stay warm. There is nothing to invalidate, hence nothing to
forget; stale entries are never read again and expire on their own.

A page fetches all its fragments in one round trip, usually the one that
reads the generation (``generation.read_many``). When the cache is away they
are rendered as if nothing were cached.
"""

import contextlib
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from blog.outages import CacheUnavailable, cached
from posts.pagecache import generation

# Long enough for a blog's old posts to stay warm between readers; a fragment
# read again is exact whatever its age, so this only bounds the memory.
LIFETIME = 7 * 24 * 3600


def digest(values):
    """A digest of ``values`` (strings, numbers, None, datetimes, nested lists):
    different values, different digests."""
    hashed = hashlib.blake2b(digest_size=20)
    for value in values:
        if isinstance(value, list | tuple):
            hashed.update(b"[" + digest(value).encode() + b"]")
            continue
        # Strings as they are (repr would copy a whole post body once more),
        # tagged apart from the reprs of other values.
        data = b"s" + value.encode() if isinstance(value, str) else b"r" + repr(value).encode()
        # Length-prefixed, so that no two sequences run together the same way.
        hashed.update(b"%d:" % len(data) + data)
    return hashed.hexdigest()


def each(kind, identities, compute):
    """``compute(i)`` for each index of ``identities``, in order, each cached
    under ``kind`` and ``identities[i]``: the values it depends on (besides the
    language), so that equal identities must compute equal values."""
    keys = []
    found = {}
    try:
        scope = f"pagecache:fragment:{generation.release()}:{get_language()}:{settings.TIME_ZONE}"
        keys = [f"{scope}:{kind}:{digest(identity)}" for identity in identities]
        found = generation.read_many(keys) if keys else {}
    except CacheUnavailable:  # a cache outage costs speed, never the page
        keys = []
    values = []
    missing = {}
    for index in range(len(identities)):
        key = keys[index] if keys else None
        value = found.get(key)
        if value is None:
            value = compute(index)
            if key is not None:
                missing[key] = value
        values.append(value)
    if missing:
        with contextlib.suppress(CacheUnavailable):
            cached(cache.set_many, missing, timeout=LIFETIME)
    return values


def render_each(template_name, contexts, identities):
    """``template_name`` rendered with each of ``contexts``, in order, as safe
    HTML, each cached under its identity (see ``each``)."""
    contexts = list(contexts)
    rendered = each(
        template_name, identities, lambda index: render_to_string(template_name, contexts[index])
    )
    return [mark_safe(html) for html in rendered]
