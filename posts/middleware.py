"""Old addresses of imported posts and pages answer with a redirect to where they are now."""

from django.http import HttpResponsePermanentRedirect

from posts.models import OriginalURL
from posts.models.original_url import request_path


class OriginalURLFallbackMiddleware:
    """Answer 301 to the post (or page) when a request for an imported post's
    old address would otherwise be a 404.

    It runs after the view, and only for 404s, with one indexed query; the one
    exception is WordPress's ``/?p=N`` and ``/?page_id=N``, which the front page
    would answer with 200, so those are looked up before the view runs (any
    other query string on the front page costs no query). Drafts
    and scheduled posts (and draft pages) are not given away: their old address stays a 404.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/" and request.META.get("QUERY_STRING"):
            redirect = self.redirect_for(request)
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        return self.redirect_for(request) or response

    def redirect_for(self, request):
        # path_info is already decoded; a "%" in it is a literal one.
        path = request_path(
            request.path_info.replace("%", "%25"), request.META.get("QUERY_STRING", "")
        )
        if path in ("", "/"):
            return None
        original = OriginalURL.objects.filter(path=path).select_related("post", "page").first()
        if original is None or not original.target.is_published:
            return None
        return HttpResponsePermanentRedirect(original.target.get_absolute_url())
