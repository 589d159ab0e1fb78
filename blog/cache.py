"""Django's Redis cache backend, with one Redis client per process instead of one per call.

Django's backend builds a new ``redis.Redis`` object for every cache
operation, which costs about as much CPU as the operation's round trip (a
cached page is one cache read: measured at a quarter of a hit's time).
redis-py's clients may be shared between threads: each command takes a
connection from the pool, which is the same pool either way.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shared = None

    def get_client(self, key=None, *, write=False):
        # With several servers reads pick one at random: keep Django's way.
        if len(self._servers) > 1:
            return super().get_client(key, write=write)
        if self._shared is None:
            self._shared = super().get_client(key, write=write)
        return self._shared


class SharedClientRedisCache(RedisCache):
    """``CACHE_URL=redis://…``: Django's ``RedisCache``, reusing its client."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
