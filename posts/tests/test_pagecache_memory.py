"""This process's copies of cached pages (posts.pagecache.memory)."""

from types import SimpleNamespace

from posts.pagecache.memory import Pages


def entry(generation, size, gzipped=0):
    return SimpleNamespace(
        generation=generation, content=b"x" * size, gzipped=b"z" * gzipped if gzipped else None
    )


def test_copies_of_one_generation_are_kept_until_the_next_one_arrives():
    pages = Pages(max_bytes=100)
    pages.put("a", entry("g1", 10))
    pages.put("b", entry("g1", 10))
    assert pages.get("a").generation == "g1" and pages.get("b") is not None
    pages.put("c", entry("g2", 10))
    assert pages.get("a") is None and pages.get("b") is None
    assert pages.get("c").generation == "g2"


def test_the_oldest_copies_go_first_beyond_the_size_limit():
    pages = Pages(max_bytes=100)
    for key in "abcd":
        pages.put(key, entry("g", 30))
    assert pages.get("a") is None
    assert [pages.get(key) is not None for key in "bcd"] == [True, True, True]
    pages.put("b", entry("g", 30))  # replacing a copy does not count it twice
    assert pages.get("c") is not None and pages.get("d") is not None


def test_a_page_bigger_than_the_limit_is_not_kept():
    pages = Pages(max_bytes=100)
    pages.put("a", entry("g", 10))
    pages.put("huge", entry("g", 101))
    assert pages.get("huge") is None and pages.get("a") is not None


def test_a_gzipped_copy_counts_towards_the_limit():
    pages = Pages(max_bytes=100)
    pages.put("a", entry("g", 40, gzipped=20))
    pages.put("b", entry("g", 30, gzipped=15))
    assert pages.get("a") is None and pages.get("b") is not None
    pages.put("huge", entry("g", 90, gzipped=11))
    assert pages.get("huge") is None
