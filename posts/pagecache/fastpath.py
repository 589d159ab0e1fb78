"""Cache hits answered before Django's request handling runs.

A reader with no session and no messages cookie asking for a page without a
query string gets the page every such reader gets. Whether it is cached is
known from the address and the language alone, so the WSGI handler
(``blog.wsgi``) first tries to answer from the page cache: one small cache
read (the current generation; this process's copy of the page, see
``posts.pagecache.memory``), no middleware chain, no URL resolution,
sessions, authentication, messages or views, no request signals (a hit
touches no database connection).

What the middleware would have done to such a response is done by running
the middleware's own response hooks, in the order the stack applies them
(``HOOKED_MIDDLEWARE``), so a hit here carries the same headers and cookie
as one answered by the whole stack; the CSRF token comes from Django's
``CsrfViewMiddleware`` and ``get_token``. Anything else (a miss, a session,
an outage of the cache, a host not allowed) goes to Django's handler
unchanged.
"""

import logging
from functools import lru_cache

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.module_loading import import_string

from blog.outages import CacheUnavailable
from posts.pagecache import generation, memory
from posts.pagecache.holes import Holes
from posts.pagecache.middleware import answer, lookup, page_key, reader_etag

# The middleware whose response hooks apply to a hit, run in the order the
# stack runs them (innermost first, from MIDDLEWARE). Those left out need
# the session or a view, or (WhiteNoise) never touch a page's response.
HOOKED_MIDDLEWARE = frozenset(
    {
        "django.middleware.security.SecurityMiddleware",
        "blog.csp.CSPMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    }
)


# A request with any of these gets an answer of its own (a 304 or a 412),
# never the one kept for every reader.
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
# Settings whose request-side work (never done for a hit) matters for every
# request: with any of them set, every request goes to Django's handler.
REQUEST_SIDE_SETTINGS = ("CSRF_USE_SESSIONS", "DISALLOWED_USER_AGENTS", "PREPEND_WWW")

# What differs between two readers' answers for a page with holes.
PER_READER = frozenset({"ETag", "Content-Length", "Set-Cookie"})


logger = logging.getLogger(__name__)


def _unused(request):  # the hooks are called one by one, never chained
    raise AssertionError("not called")


class _Cookies:
    """The two things language negotiation reads from a request."""

    def __init__(self, language_cookie, accept_language):
        self.COOKIES = {settings.LANGUAGE_COOKIE_NAME: language_cookie} if language_cookie else {}
        self.META = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}


@lru_cache(maxsize=512)
def _language(language_cookie, accept_language):
    # As LocaleMiddleware decides it (the site has no language prefixes in
    # its URLs); readers send a handful of distinct headers.
    return translation.get_language_from_request(_Cookies(language_cookie, accept_language))


@receiver(setting_changed)
def _forget_answers(setting, **kwargs):
    # Tests change settings that kept answers and languages were made under.
    memory.pages.clear()
    if setting.startswith("LANGUAGE"):
        _language.cache_clear()


class FastPathHandler(WSGIHandler):
    """Django's WSGI handler, answering page-cache hits before anything else."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hooked = [
            import_string(path)(_unused)
            for path in reversed(settings.MIDDLEWARE)
            if path in HOOKED_MIDDLEWARE
        ]
        self.csrf = next(m for m in hooked if isinstance(m, CsrfViewMiddleware))
        self.response_hooks = tuple(middleware.process_response for middleware in hooked)
        self.enabled = not any(getattr(settings, name) for name in REQUEST_SIDE_SETTINGS)

    def __call__(self, environ, start_response):
        if self.may_serve(environ):
            try:
                # A copy: the request writes decoded values back into its
                # environ, which Django's handling must get as the server sent it.
                answered = self.hit(self.request_class(environ.copy()))
            except Exception:
                # Django's handler answers instead, with its own error handling.
                logger.exception("The page cache's fast path failed")
                answered = None
            if answered is not None:
                status, headers, content = answered
                start_response(status, list(headers))  # servers may add to it
                return [content]
        return super().__call__(environ, start_response)

    def may_serve(self, environ):
        cookies = environ.get("HTTP_COOKIE", "")
        # A cookie header merely containing those names goes the long way too.
        return (
            self.enabled
            and settings.PAGE_CACHE
            and environ["REQUEST_METHOD"] in ("GET", "HEAD")
            and not environ.get("QUERY_STRING")
            and settings.SESSION_COOKIE_NAME not in cookies
            and CookieStorage.cookie_name not in cookies
        )

    def hit(self, request):
        """``(status, headers, content)`` of the cached page for ``request``, or
        None to let Django's handler answer."""
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return None  # SecurityMiddleware redirects it (or exempts it)
        generation.outside_request()
        request.LANGUAGE_CODE = _language(
            request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
            request.META.get("HTTP_ACCEPT_LANGUAGE"),
        )
        try:
            _generation, entry = lookup(page_key(request, request.LANGUAGE_CODE))
        except (DisallowedHost, CacheUnavailable):
            return None
        if entry is None:
            return None
        # Readers who are not revalidating a copy get the same answer but for
        # the per-reader values: the entry is already one address (scheme and
        # host included) in one language, so the hooks run once per process's
        # copy of it, and a page with holes only fills them in afterwards.
        if any(name in request.META for name in CONDITIONAL_HEADERS):
            return self.answer(request, entry)
        gzipped = entry.sends_gzip(request)
        kept = entry.answered.get(gzipped)
        if kept is None:
            answered = self.answer(request, entry)
            status, headers, _content = answered
            if not status.startswith("200 "):
                return answered
            if entry.holes:
                kept = (status, [h for h in headers if h[0] not in PER_READER], b"")
                entry.answered[gzipped] = kept
            elif not any(name == "Set-Cookie" for name, _value in headers):
                entry.answered[gzipped] = answered  # cookies are never shared
            return answered
        if entry.holes:
            return self.reader_answer(request, entry, kept)
        return kept

    def reader_answer(self, request, entry, kept):
        """The kept answer with this reader's tokens, ETag and CSRF cookie."""
        status, headers, _content = kept
        self.csrf.process_request(request)
        content = Holes(entry.holes).fill(entry.content, request)
        cookies = self.csrf.process_response(request, HttpResponse()).cookies
        return (
            status,
            [
                *headers,
                ("ETag", reader_etag(entry.etag, request)),
                ("Content-Length", str(len(content))),
                *(("Set-Cookie", cookie.output(header="")) for cookie in cookies.values()),
            ],
            content,
        )

    def answer(self, request, entry):
        # The locale hook reads the active language, as after LocaleMiddleware.
        translation.activate(request.LANGUAGE_CODE)
        self.csrf.process_request(request)
        response = answer(request, entry.response(), entry, Holes(entry.holes), shared=True)
        for hook in self.response_hooks:
            response = hook(request, response)
        headers = [
            *response.items(),
            *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
        ]
        return f"{response.status_code} {response.reason_phrase}", headers, response.content
