"""What the blog does while its database or its cache is away.

Database away: every page answers 503 with a page that needs no database and
a ``Retry-After``; a comment being posted comes back in that page with every
field the reader filled in. Cache away: callers of :func:`cached` get
:class:`CacheUnavailable` at once and decide what is safe without it.

Each process notes the start and the end of an outage in the log once, not
per request; while a service is away it is tried again at most every
``RETRY_SECONDS`` rather than by every request (a hung server would
otherwise hold every request for its whole timeout).
"""

import logging
import sys
import threading
import time

import redis.exceptions
from django.db import InterfaceError, OperationalError, connection
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views import defaults

from blog.errors import kept_comment

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
# Sent in Retry-After: the time a restarted database or a failover takes.
RETRY_AFTER_SECONDS = 30
# What a lost server looks like. Integrity and programming errors are bugs,
# not outages, and keep their 500.
DATABASE_ERRORS = (OperationalError, InterfaceError)
CACHE_ERRORS = (OSError, redis.exceptions.RedisError)


class Outage:
    """Whether one backing service is away, for every thread of this process."""

    def __init__(self, name):
        self.name = name
        self._lock = threading.Lock()
        self.since = None
        self.last_try = 0.0

    @property
    def is_down(self):
        return self.since is not None

    def due_for_retry(self):
        return time.monotonic() - self.last_try >= RETRY_SECONDS

    def failed(self, error):
        with self._lock:
            first = self.since is None
            self.last_try = time.monotonic()
            if first:
                self.since = self.last_try
        if first:
            logger.error("The %s is unavailable (%s); degraded until it answers.", self.name, error)

    def recovered(self):
        if self.since is None:
            return
        with self._lock:
            if self.since is None:
                return
            lasted = time.monotonic() - self.since
            self.since = None
        logger.warning("The %s is back after %.0f s.", self.name, lasted)


DATABASE = Outage("database")
CACHE = Outage("cache")


class CacheUnavailable(Exception):
    """The cache did not answer (or was found away moments ago)."""


def cached(operation, *args, **kwargs):
    """Run one cache ``operation``; raise :class:`CacheUnavailable` if the cache is away.

    Other errors (``ValueError`` from ``incr`` of a missing key) pass through.
    """
    if CACHE.is_down and not CACHE.due_for_retry():
        raise CacheUnavailable
    try:
        result = operation(*args, **kwargs)
    except CACHE_ERRORS as error:
        CACHE.failed(error)
        raise CacheUnavailable from error
    CACHE.recovered()
    return result


def unavailable(request):
    """The 503 page, with the reader's comment in a form when one was being posted."""
    context = {"comment": kept_comment(request), "action": request.path}
    response = TemplateResponse(request, "503.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # The outage is logged once when it starts, not for every request it costs.
    response._has_been_logged = True
    return response.render()


def database_answers():
    """Try the database once; note the outage's start or end."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_ERRORS as error:
        DATABASE.failed(error)
        return False
    DATABASE.recovered()
    return True


class DatabaseOutageMiddleware:
    """Answer 503 instead of 500 while the database is away; come back by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # /healthz always asks the database itself.
        waiting = DATABASE.is_down and request.path_info != "/healthz"
        if waiting and not (DATABASE.due_for_retry() and database_answers()):
            return unavailable(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            # Only an outage if the database does not answer now either: a
            # deadlock or a lock timeout costs this request, not everyone's.
            database_answers()
            return unavailable(request)
        return None


def server_error(request):
    """Django's 500 handler, except for a database error raised outside any view
    (while rendering a 404 page, say): that is an outage, answered 503."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        database_answers()
        return unavailable(request)
    return defaults.server_error(request)
