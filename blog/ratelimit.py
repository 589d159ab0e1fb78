"""Counting requests against limits, in Django's cache (shared through Redis).

While the cache is away :func:`count_hit` raises
:class:`blog.outages.CacheUnavailable`; each caller decides what is safe.
"""

import ipaddress

from django.core.cache import cache

from blog.outages import cached


def address_bucket(ip_address):
    """The key under which limits count requests from ``ip_address``.

    An IPv4 address counts alone; an IPv6 address counts with its whole /64,
    which one subscriber usually holds and can rotate through at will.
    """
    if not ip_address:
        return "unknown"
    address = ipaddress.ip_address(ip_address)
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def count_hit(key, window):
    """Add one to the counter ``key`` (kept ``window`` seconds) and return the new count."""
    cached(cache.add, key, 0, timeout=window)
    try:
        return cached(cache.incr, key)
    except ValueError:
        # The key expired between add() and incr(): this is the first hit.
        cached(cache.set, key, 1, timeout=window)
        return 1
