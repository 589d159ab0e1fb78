"""The site generation and the deadline of cached pages.

Every cached page and fragment is stored under the generation current when
it was rendered. Any change readers could see replaces the generation, so
the next request on every process sharing the cache misses and renders
afresh; old entries are never read again and expire on their own.

A post scheduled for later changes pages without anyone saving anything:
no entry lives past the next scheduled publication.

The cache is a help, never a dependency: when it fails, pages are rendered
as if nothing were cached.

Within one request the generation, the release (see ``release``) and the
remembered fragments are read from the cache once, in one round trip
(``read_many``): each round trip cost as much as the fragment it fetched. A
change made by this process during the request replaces the value read; a
change made elsewhere during the request is seen by the next one, as if it
had come a moment later.
"""

import logging
import secrets
import threading
import time

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from blog.outages import CacheUnavailable, cached
from posts.models import Post

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
RELEASE_KEY = "pagecache:release"
NOTHING_SCHEDULED = 0.0
# However quiet the blog, cached pages are rendered again at least once a day.
MAX_SECONDS = 24 * 3600


def now():
    """Epoch seconds by the clock that decides publication (tests move it)."""
    return timezone.now().timestamp()


def _new_generation():
    # Unique without coordination: no two processes make the same one.
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


# A change this process could not announce because the cache was away: it
# replaces the generation as soon as the cache answers again.
_owed = False


# What the request this thread is answering read from the cache, absent keys
# included (``values`` is None outside requests: management commands and
# tests calling in directly read afresh).
_request = threading.local()
_ABSENT = object()
# The keys each address read last time in this process: the next request for
# it reads them all, with the generation and the release, in one round trip.
# Bounded: forgotten all at once when full.
_read_by_path = {}
READ_BY_PATH_LIMIT = 1000


def _request_started(environ=None, **kwargs):
    _request.values = {}
    _request.path = (environ or {}).get("PATH_INFO", "")
    _request.read = []
    _request.prefetched = False


def _request_finished(**kwargs):
    read = getattr(_request, "read", None)
    if read:
        if len(_read_by_path) >= READ_BY_PATH_LIMIT:
            _read_by_path.clear()
        _read_by_path[_request.path] = tuple(dict.fromkeys(read))
    _request.values = _request.read = None


request_started.connect(_request_started, dispatch_uid="pagecache.generation.started")
request_finished.connect(_request_finished, dispatch_uid="pagecache.generation.finished")


def outside_request():
    """Forget what a request on this thread read, so the next reads go to the
    cache: for cache hits answered without the request signals, whose
    freshness must not depend on the last request having finished cleanly."""
    _request.values = _request.read = None


def _remembered():
    return getattr(_request, "values", None)


def read_many(keys):
    """``{key: value}`` for those of ``keys`` the cache holds, read once per request.

    The first read of a request also reads the generation, the release and
    every key this address read last time: a page then costs one round trip
    to the cache, not one per fragment.
    """
    values = _remembered()
    if values is None:
        return cached(cache.get_many, keys)
    _request.read.extend(keys)
    wanted = [key for key in keys if key not in values]
    if wanted:
        if not _request.prefetched:
            _request.prefetched = True
            wanted += [GENERATION_KEY, RELEASE_KEY, *_read_by_path.get(_request.path, ())]
            wanted = [key for key in dict.fromkeys(wanted) if key not in values]
        found = cached(cache.get_many, wanted)
        values.update((key, found.get(key, _ABSENT)) for key in wanted)
    return {key: values[key] for key in keys if values[key] is not _ABSENT}


def noted(key, value):
    """Tell the request's reads that ``key`` now holds ``value`` (just stored)."""
    values = _remembered()
    if values is not None:
        values[key] = value


def _read(key):
    """The value at ``key`` (the generation or the release), made on first use
    (or after the cache lost it)."""
    found = read_many([key])
    if key not in found:
        cached(cache.add, key, _new_generation(), timeout=None)
        found[key] = cached(cache.get, key)
        noted(key, found[key])
    return found[key]


def current():
    """The current generation, made on first use (or after the cache lost it)."""
    if _owed:
        _replace()
    return _read(GENERATION_KEY)


def release():
    """The current release: replaced by every deploy (``new_release``), never by
    edits. Fragments cached per object (``posts.pagecache.fragments``) carry
    it in their keys, so that a new release's templates and code render them
    afresh while edits leave other objects' fragments warm."""
    return _read(RELEASE_KEY)


def new_release(**kwargs):
    """Receiver for ``post_migrate`` (every deploy runs migrate): a new release."""
    try:
        cached(cache.set, RELEASE_KEY, _new_generation(), timeout=None)
    except CacheUnavailable:
        logger.warning("The cache is away: fragments of the previous release may be reused")
    values = _remembered()
    if values is not None:
        values.pop(RELEASE_KEY, None)


def current_and(key):
    """``(current generation, value at key)``, read in one cache round trip.

    For the page cache's hits, where a second round trip for the generation
    would cost as much as the rest of the answer.
    """
    if _owed:
        return current(), cached(cache.get, key)
    values = _remembered()
    if values is not None and values.get(GENERATION_KEY, _ABSENT) is not _ABSENT:
        return values[GENERATION_KEY], cached(cache.get, key)
    found = cached(cache.get_many, [GENERATION_KEY, key])
    if GENERATION_KEY not in found:
        return current(), None
    if values is not None:
        values[GENERATION_KEY] = found[GENERATION_KEY]
    return found[GENERATION_KEY], found.get(key)


def bump(using=None):
    """Forget every cached page, now and again once the current transaction commits.

    Now, so the very next request renders afresh; again after the commit,
    because a request that rendered between the two from data not yet
    committed may have stored a page under the intermediate generation.
    Many changes in one transaction (an import) wait for one commit.
    """
    _replace()
    connection = transaction.get_connection(using)
    if not any(callback[1] is _replace for callback in connection.run_on_commit):
        transaction.on_commit(_replace, using=using)


def _replace():
    global _owed
    replacement = _new_generation()
    values = _remembered()
    if values is not None:
        # Read again from the cache if setting it fails: another process may
        # replace it meanwhile.
        values.pop(GENERATION_KEY, None)
    try:
        cached(cache.set, GENERATION_KEY, replacement, timeout=None)
    except CacheUnavailable:
        if not _owed:
            logger.warning("A change waits for the cache to return to replace the generation")
        _owed = True
    else:
        _owed = False
        if values is not None:
            values[GENERATION_KEY] = replacement


def deadline(generation):
    """The time (epoch seconds) by which pages of ``generation`` must be dropped.

    That is the next scheduled publication, or a day from
    now if sooner. The next publication is looked up once per generation.
    """
    moment = now()
    limit = moment + MAX_SECONDS
    key = f"pagecache:next:{generation}"
    upcoming = cached(cache.get, key)
    if upcoming is None or NOTHING_SCHEDULED < upcoming <= moment:
        first = Post.objects.scheduled().order_by("publish_at").values_list("publish_at").first()
        upcoming = first[0].timestamp() if first else NOTHING_SCHEDULED
        cached(cache.set, key, upcoming, timeout=MAX_SECONDS)
    if upcoming == NOTHING_SCHEDULED:
        return limit
    return min(limit, upcoming)


def lifetime(expires_at):
    """Whole seconds a cache entry may live to expire no later than ``expires_at``."""
    return max(0, int(expires_at - now()))


def remember(name, compute):
    """``compute()``, cached under ``name`` for the current generation and language.

    For fragments every page shows (the sidebar): computed once per change.
    One key per name and language whatever the generation: the entry names
    the generation it was computed under, so that it can be read before the
    generation is known, in the same round trip (``read_many``).
    """
    try:
        key = f"pagecache:remembered:{get_language()}:{name}"
        found = read_many([key]).get(key)
        generation = current()
    except CacheUnavailable:  # a cache outage costs speed, never the page
        return compute()
    if found is not None and found[0] == generation and found[1] > now():
        return found[2]
    value = compute()
    try:
        expires_at = deadline(generation)
        entry = (generation, expires_at, value)
        cached(cache.set, key, entry, timeout=lifetime(expires_at))
        noted(key, entry)
    except CacheUnavailable:
        pass
    return value
