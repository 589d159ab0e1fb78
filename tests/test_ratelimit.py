import pytest
from django.core.cache import cache

from blog.ratelimit import address_bucket, count_hit


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_limits_count_an_ipv6_subnet_as_one_address():
    assert address_bucket("203.0.113.7") == "203.0.113.7"
    assert address_bucket("2001:db8:1:2::5") == address_bucket("2001:db8:1:2:ffff::1")
    assert address_bucket("2001:db8:1:2::5") == "2001:db8:1:2::/64"
    assert address_bucket("::ffff:203.0.113.7") == "203.0.113.7"
    assert address_bucket(None) == "unknown"


def test_count_hit_counts_per_key_until_the_key_goes():
    assert [count_hit("k", 60) for _ in range(3)] == [1, 2, 3]
    assert count_hit("other", 60) == 1
    cache.delete("k")
    assert count_hit("k", 60) == 1
