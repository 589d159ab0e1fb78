import ipaddress

from django.conf import settings
from django.http.request import split_domain_port
from django.utils.encoding import iri_to_uri

DEFAULT_PORTS = {"http": "80", "https": "443"}


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


def site_url(request):
    """The base of every absolute URL the blog hands out, without a trailing slash.

    ``SITE_URL`` when set. Otherwise the scheme and host this request came
    to, keeping a port only when it is the one this server listens on: a
    ``Host`` header naming any other port is not repeated in feeds or emails.
    """
    if settings.SITE_URL:
        return settings.SITE_URL
    # Worked out once per request: a feed asks for it several times per entry,
    # and each time the host was checked against ALLOWED_HOSTS again.
    known = getattr(request, "_site_url", None)
    if known is not None:
        return known
    domain, port = split_domain_port(request.get_host())
    scheme = request.scheme
    if port and (port != request.META.get("SERVER_PORT") or port == DEFAULT_PORTS[scheme]):
        port = ""
    request._site_url = f"{scheme}://{domain}" + (f":{port}" if port else "")
    return request._site_url


def absolute_url(request, path):
    """``path`` (starting with /) under :func:`site_url`, non-ASCII characters
    percent-encoded (``request.path`` has them decoded)."""
    return iri_to_uri(site_url(request) + path)
