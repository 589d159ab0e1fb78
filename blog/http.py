import ipaddress

from django.conf import settings


def client_ip(request):
    """The reader's IP address, always a valid one or None.

    Behind the blog's own proxy (``DJANGO_BEHIND_PROXY``) that is the last
    address in ``X-Forwarded-For``, the one the proxy itself saw; earlier
    entries are whatever the client claimed and are ignored.
    """
    candidates = []
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        candidates.extend(hops[-1:])
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None
