"""The site generation and the deadline of cached pages.

Every cached page and fragment is stored under the generation current when
it was rendered. Any change readers could see replaces the generation, so
the next request on every process sharing the cache misses and renders
afresh; old entries are never read again and expire on their own.

A post scheduled for later changes pages without anyone saving anything:
no entry lives past the next scheduled publication.

The cache is a help, never a dependency: when it fails, pages are rendered
as if nothing were cached.
"""

import logging
import secrets
import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from blog.outages import CacheUnavailable, cached
from posts.models import Post

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
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


def current():
    """The current generation, made on first use (or after the cache lost it)."""
    if _owed:
        _replace()
    generation = cached(cache.get, GENERATION_KEY)
    if generation is None:
        cached(cache.add, GENERATION_KEY, _new_generation(), timeout=None)
        generation = cached(cache.get, GENERATION_KEY)
    return generation


def current_and(key):
    """``(current generation, value at key)``, read in one cache round trip.

    For the page cache's hits, where a second round trip for the generation
    would cost as much as the rest of the answer.
    """
    if _owed:
        return current(), cached(cache.get, key)
    found = cached(cache.get_many, [GENERATION_KEY, key])
    if GENERATION_KEY not in found:
        return current(), None
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
    try:
        cached(cache.set, GENERATION_KEY, _new_generation(), timeout=None)
    except CacheUnavailable:
        if not _owed:
            logger.warning("A change waits for the cache to return to replace the generation")
        _owed = True
    else:
        _owed = False


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
