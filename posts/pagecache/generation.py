"""The site generation and the deadline of cached pages.

Every cached page and fragment is stored under the generation current when
it was rendered. Any change readers could see replaces the generation, so
the next request on every process sharing the cache misses and renders
afresh; old entries are never read again and expire on their own.

A post scheduled for later changes pages without anyone saving anything:
no entry lives past the next scheduled publication.

The cache is a help, never a dependency: when it fails, pages are rendered
as if nothing were cached.

Within one request the generation (and the release, see ``release``) is read
from the cache once: a page asks for several remembered fragments, and each
second round trip to the cache cost as much as the fragment it fetched. A
change made by this process during the request replaces the remembered value
too; a change made elsewhere during the request is seen by the next one, as
if it had come a moment later.
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


# The values read during the request this thread is answering (None outside
# requests: management commands and tests calling in directly read afresh).
_request = threading.local()


def _request_started(**kwargs):
    _request.values = {}


def _request_finished(**kwargs):
    _request.values = None


request_started.connect(_request_started, dispatch_uid="pagecache.generation.started")
request_finished.connect(_request_finished, dispatch_uid="pagecache.generation.finished")


def _remembered():
    return getattr(_request, "values", None)


def _read(key):
    """The value at ``key`` (the generation or the release), made on first use
    (or after the cache lost it); read once per request, both keys together."""
    values = _remembered()
    if values is not None and key in values:
        return values[key]
    found = cached(cache.get_many, [GENERATION_KEY, RELEASE_KEY])
    for missing in {GENERATION_KEY, RELEASE_KEY} - found.keys():
        cached(cache.add, missing, _new_generation(), timeout=None)
        found[missing] = cached(cache.get, missing)
    if values is not None:
        values.update(found)
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
    if values is not None and GENERATION_KEY in values:
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
    """
    try:
        generation = current()
        key = f"pagecache:fragment:{generation}:{get_language()}:{name}"
        found = cached(cache.get, key)
    except CacheUnavailable:  # a cache outage costs speed, never the page
        return compute()
    if found is not None and found[0] > now():
        return found[1]
    value = compute()
    try:
        expires_at = deadline(generation)
        cached(cache.set, key, (expires_at, value), timeout=lifetime(expires_at))
    except CacheUnavailable:
        pass
    return value
