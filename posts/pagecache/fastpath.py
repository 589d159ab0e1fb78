"""Cache hits answered before most of the middleware stack runs.

A reader with no session and no messages cookie asking for a page without a
query string gets the page every such reader gets. Whether it is cached is
known from the address and the language alone, so this middleware, placed
right after the security, CSP and static-file ones, answers it with one
cache round trip (the entry and the current generation together) and skips
URL resolution, sessions, authentication, messages and the views.

What the skipped middleware would have done to such a response is done by
running their own response hooks (locale, CSRF, common, clickjacking), so a
hit here carries the same headers and cookie as one answered further down;
the CSRF token comes from Django's own ``CsrfViewMiddleware`` and
``get_token``. Anything else (a miss, a session, an outage of the cache or
the database, a host not allowed) goes down the normal stack unchanged.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.locale import LocaleMiddleware

from blog.outages import CacheUnavailable
from posts.pagecache.holes import Holes
from posts.pagecache.middleware import answer, lookup, page_key


def _unused(request):  # the hooks below are called one by one, never chained
    raise AssertionError("not called")


class FastPathMiddleware:
    """Serve cache hits for readers without a session; pass everything else on.

    Must come after ``SecurityMiddleware``, the CSP and WhiteNoise middleware
    (their headers apply to hits too) and before the session middleware. A
    hit needs no database, so it is served while the database is away too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.locale = LocaleMiddleware(_unused)
        self.csrf = CsrfViewMiddleware(_unused)
        # In the order the normal stack applies them to a response.
        self.response_hooks = (
            XFrameOptionsMiddleware(_unused).process_response,
            self.csrf.process_response,
            CommonMiddleware(_unused).process_response,
            self.locale.process_response,
        )

    def __call__(self, request):
        if self.may_serve(request):
            response = self.hit(request)
            if response is not None:
                return response
        return self.get_response(request)

    def may_serve(self, request):
        cookies = request.COOKIES
        return (
            settings.PAGE_CACHE
            and request.method in ("GET", "HEAD")
            and not request.META.get("QUERY_STRING")
            and settings.SESSION_COOKIE_NAME not in cookies
            and CookieStorage.cookie_name not in cookies
        )

    def hit(self, request):
        """The cached page for ``request``, or None to let the normal stack answer."""
        self.locale.process_request(request)
        try:
            key = page_key(request, request.LANGUAGE_CODE)
            _generation, entry = lookup(key)
        except (DisallowedHost, CacheUnavailable):
            return None
        if entry is None:
            return None
        self.csrf.process_request(request)
        response = answer(request, entry.response(), entry, Holes(entry.holes), shared=True)
        for hook in self.response_hooks:
            response = hook(request, response)
        return response
