from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.views.static import serve


def serve_media(request, path):
    """Uploaded files from ``MEDIA_ROOT``, when ``SERVE_MEDIA`` is on.

    For a single-machine server (`make run`); a proxy in front (nginx in
    compose) or another storage backend serves them instead. A path leading
    out of ``MEDIA_ROOT`` is simply not found.
    """
    if not settings.SERVE_MEDIA:
        raise Http404
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as exc:
        raise Http404 from exc
