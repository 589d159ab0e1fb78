"""Serve reader pages from the cache, store them, answer conditional GETs.

Hand-written rather than Django's ``cache_page``: its keys cannot carry the
site generation, it would store per-reader tokens and cookies, and it knows
nothing of staff or of a reader waiting for their comment's approval.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import get_language

from blog.outages import CacheUnavailable, cached
from comments.views import OWN_COMMENTS_SESSION_KEY
from posts.pagecache import encoding, generation, memory
from posts.pagecache.holes import Holes

# The posts app's reader pages (URL names in the ``posts`` namespace).
READER_PAGES = frozenset(
    {
        "index",
        "index_page",
        "detail",
        "archives",
        "archives_page",
        "tags",
        "tag",
        "tag_page",
        "atom",
        "rss",
        "tag_atom",
        "sitemap",
        "robots",
        "series_list",
        "series",
        "series_atom",
        "page",
    }
)
# Part of every page's key: bump it when ``Entry`` changes, so that no
# process reads an entry stored in another shape by another version.
ENTRY_FORMAT = 4
# What a view may set that a cached copy keeps; cookies never are.
KEPT_HEADERS = ("Content-Type", "X-Robots-Tag")


def is_reader_page(request):
    match = request.resolver_match
    return (
        request.method in ("GET", "HEAD")
        and match is not None
        and match.namespace == "posts"
        and match.url_name in READER_PAGES
    )


def sees_the_shared_page(request):
    """True for a reader who gets the page every anonymous reader gets.

    Staff see previews and fresh pages; a reader whose comment waits for
    approval sees it marked; a pending message must be shown. A request
    without a session or messages cookie is decided without touching the
    session.
    """
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    if request.user.is_authenticated:
        return False
    session = request.session
    return not (session.get(OWN_COMMENTS_SESSION_KEY) or session.get(SessionStorage.session_key))


class Entry:
    """A cached page: content with placeholders, and what its responses say."""

    def __init__(self, response, holes, expires_at, rendered_under=None):
        self.generation = rendered_under
        self.content = response.content
        self.headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        self.status = response.status_code
        self.holes = holes.recorded
        self.expires_at = expires_at
        digest = hashlib.sha256(self.content).hexdigest()[:32]
        self.etag = response.get("ETag") or quote_etag(digest)
        self.last_modified = response.get("Last-Modified") or http_date(generation.now())
        # Made when the entry is stored (posts.pagecache.encoding).
        self.gzipped = None
        # This process's finished answers to every reader, plain and gzipped
        # (see fastpath); never stored.
        self.answered = {}

    def __getstate__(self):
        return {**self.__dict__, "answered": {}}

    def sends_gzip(self, request):
        """Whether ``request`` gets this page's gzipped copy."""
        accepted = request.META.get("HTTP_ACCEPT_ENCODING")
        return self.gzipped is not None and bool(accepted) and encoding.accepts_gzip(accepted)

    def response(self):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers.items():
            response[name] = value
        return response


def page_key(request, language):
    """Where the page ``request`` asks for, in ``language``, is cached.

    One key per address and language whatever the generation: the entry
    names the generation it was rendered under, and is read together with
    the current one (``generation.current_and``).
    """
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"pagecache:page:{ENTRY_FORMAT}:{language}:{digest}"


def lookup(key):
    """``(current generation, the entry at key if still good for it or None)``.

    This process's copy of the entry, when it has one of the current
    generation, saves fetching the page from the shared cache.
    """
    copy = memory.pages.get(key)
    if copy is not None:
        current = generation.current()
        if copy.generation == current and copy.expires_at > generation.now():
            return current, copy
    current, entry = generation.current_and(key)
    if entry is None or entry.generation != current or entry.expires_at <= generation.now():
        return current, None
    memory.pages.put(key, entry)
    return current, entry


def reader_etag(page_etag, request):
    """The ETag of a page with per-reader tokens, as this reader gets it today.

    A comment token lasts two days and a CSRF token as long as its cookie; a
    copy validated by this ETag was sent today, with the cookie sent now.
    """
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    day = int(time.time() // 86400)
    return quote_etag(hashlib.sha256(f"{page_etag}|{cookie}|{day}".encode()).hexdigest()[:32])


def kept_as(response, public, vary=("Cookie",)):
    """Tell caches how ``response`` may be kept: by anyone (``public``) or by
    the reader's browser only, never without asking again, and per ``vary``."""
    response["Cache-Control"] = f"{'public' if public else 'private'}, no-cache"
    patch_vary_headers(response, vary)


def answer(request, response, entry, holes, shared):
    """The response to send for a reader page stored (or storable) as ``entry``.

    Validators, ``Cache-Control`` and ``Vary``; ``304`` for a client that has
    the page; the gzipped copy to a client that accepts it; otherwise the
    reader's own values in the placeholders.
    """
    etag, last_modified = entry.etag, entry.last_modified
    if holes.recorded:
        # The page carries this reader's tokens: a 304 may only keep a copy
        # whose tokens still hold, so no date validator, and an ETag that
        # changes with the reader's CSRF cookie and with the day.
        etag, last_modified = reader_etag(entry.etag, request), None
        del response["Last-Modified"]
    else:
        response["Last-Modified"] = last_modified
    if entry.gzipped is not None:
        patch_vary_headers(response, ["Accept-Encoding"])
        if entry.sends_gzip(request):
            response.content = entry.gzipped
            response["Content-Encoding"] = encoding.GZIP
            etag = encoding.variant_etag(etag)
    response["ETag"] = etag
    kept_as(response, shared and not holes.recorded)
    conditional = get_conditional_response(
        request,
        etag=etag,
        last_modified=last_modified and parse_http_date_safe(last_modified),
        response=response,
    )
    if conditional is response and holes.recorded:
        response.content = holes.fill(response.content, request)
    return conditional


class PageCacheMiddleware:
    """For the reader pages named in ``READER_PAGES``.

    - An anonymous reader's GET without a query string is answered from the
      cache when the current generation holds the page, else rendered and
      stored (when ``PAGE_CACHE`` is on).
    - Every reader page gets an ``ETag`` and ``Last-Modified`` and answers
      ``304`` to a client that has it; ``Cache-Control`` and ``Vary: Cookie``
      keep shared caches from giving one person's page to another.
    - Per-reader tokens are placeholders in the stored copy, filled in per
      response (see ``posts.pagecache.holes``).

    Must come after the session, locale, CSRF and authentication middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "page_cache", None)
        if state is None:
            return response
        return state.finish(request, response)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_reader_page(request):
            return None
        state = PageState(request)
        request.page_cache = state
        request.page_holes = Holes()
        entry = state.lookup()
        if entry is None:
            return None
        request.page_holes = Holes(entry.holes)
        state.entry = entry
        return entry.response()


class PageState:
    """One reader page being answered: where it is cached and whether it may be."""

    def __init__(self, request):
        self.shared = (
            settings.PAGE_CACHE
            and not request.META.get("QUERY_STRING")
            and sees_the_shared_page(request)
        )
        self.key = None
        self.generation = None
        self.entry = None
        if self.shared:
            self.key = page_key(request, get_language())

    def lookup(self):
        """The cached entry for this page, or None (after noting where to store it)."""
        if not self.shared:
            return None
        try:
            self.generation, entry = lookup(self.key)
        except CacheUnavailable:  # no cache, no harm: render the page
            self.shared = False
            return None
        return entry

    def store(self, response, holes):
        entry = Entry(response, holes, expires_at=0, rendered_under=self.generation)
        if not self.shared or response.status_code != 200 or response.cookies:
            return entry
        try:
            entry.expires_at = generation.deadline(self.generation)
            timeout = generation.lifetime(entry.expires_at)
            if timeout:
                if not entry.holes:
                    entry.gzipped = encoding.compressed(entry.content)
                cached(cache.set, self.key, entry, timeout=timeout)
                memory.pages.put(self.key, entry)
        except CacheUnavailable:
            pass
        return entry

    def finish(self, request, response):
        holes = request.page_holes
        if self.entry is not None:
            entry = self.entry
        elif response.status_code == 304:
            # The view's own 304 (a feed's validators) says how it may be
            # kept, as the page it stands for would.
            shared = self.shared and not holes.recorded
            kept_as(response, shared, ["Accept-Encoding", "Cookie"] if shared else ["Cookie"])
            return response
        elif response.streaming or response.status_code != 200:
            if holes.recorded and not response.streaming:
                response.content = holes.fill(response.content, request)
            return response
        else:
            entry = self.store(response, holes)
        return answer(request, response, entry, holes, self.shared)
