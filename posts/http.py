from django.conf import settings


def client_ip(request):
    """The reader's IP address.

    Behind the blog's own proxy (``DJANGO_BEHIND_PROXY``) that is the last
    address in ``X-Forwarded-For``, the one the proxy itself saw; earlier
    entries are whatever the client claimed and are ignored.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"
