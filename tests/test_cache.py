"""Django's Redis cache reusing one client (blog.cache)."""

from blog.cache import SharedClientRedisCache

LOCATION = "redis://127.0.0.1:6379/5"


def test_one_client_serves_every_call():
    cache = SharedClientRedisCache(LOCATION, {})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("blog-cache-test", {"a": 1}, 5)
    assert cache.get_many(["blog-cache-test", "missing"]) == {"blog-cache-test": {"a": 1}}
    cache.delete("blog-cache-test")


def test_several_servers_keep_djangos_choice_of_server():
    cache = SharedClientRedisCache([LOCATION, LOCATION], {})
    assert cache._cache.get_client() is not cache._cache.get_client()
