"""The site generation, the deadline of cached pages, remembered fragments."""

from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.db import transaction
from django.utils import timezone

from blog.outages import CacheUnavailable
from posts.pagecache import generation
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_a_change_replaces_the_generation_now_and_again_at_commit(
    django_capture_on_commit_callbacks,
):
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        make_post("One")
        during = generation.current()
        make_post("Two")
    after = generation.current()
    assert len({before, during, after}) == 3
    # Many changes in one transaction wait for a single commit.
    assert len([c for c in callbacks if c is generation._replace]) == 1


def test_the_deadline_is_the_next_scheduled_publication():
    now = timezone.now()
    assert generation.deadline(generation.current()) == pytest.approx(
        now.timestamp() + generation.MAX_SECONDS, abs=5
    )
    soon = make_post("Soon", days_ago=-0.5)
    make_post("Later", days_ago=-2)
    make_post("Draft", days_ago=-0.1, status="draft")
    assert generation.deadline(generation.current()) == soon.publish_at.timestamp()


def test_the_deadline_moves_on_once_a_scheduled_post_is_out(monkeypatch):
    first = make_post("First", days_ago=-0.5)
    second = make_post("Second", days_ago=-0.8)
    current = generation.current()
    assert generation.deadline(current) == first.publish_at.timestamp()
    later = first.publish_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert generation.deadline(current) == second.publish_at.timestamp()


def test_remember_computes_once_per_generation():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert generation.remember("thing", compute) == 1
    assert generation.remember("thing", compute) == 1
    generation.bump()
    assert generation.remember("thing", compute) == 2


def test_lifetime_never_reaches_past_the_deadline():
    now = generation.now()
    assert generation.lifetime(now + 10.9) == 10
    assert generation.lifetime(now - 5) == 0


def test_a_change_made_while_the_cache_is_away_is_announced_when_it_returns(monkeypatch):
    before = generation.current()
    real = generation.cached

    def away(*args, **kwargs):
        raise CacheUnavailable

    monkeypatch.setattr(generation, "cached", away)
    generation.bump()
    monkeypatch.setattr(generation, "cached", real)
    assert generation.current() != before
    assert generation._owed is False


@pytest.fixture
def in_a_request():
    # The receivers alone: the signals would also close the test's database connection.
    generation._request_started(environ={"PATH_INFO": "/"})
    yield
    generation._request_finished()


def test_a_request_reads_the_generation_and_the_release_once(in_a_request, monkeypatch):
    reads = []
    backend = type(caches["default"])
    get_many = backend.get_many

    def counted(self, keys, **kwargs):
        reads.append(keys)
        return get_many(self, keys, **kwargs)

    monkeypatch.setattr(backend, "get_many", counted)
    first = generation.current()
    assert generation.current() == first
    generation.release()
    assert len(reads) == 1


def test_a_change_during_a_request_is_seen_by_the_rest_of_it(in_a_request):
    before = generation.current()
    make_post("Saved during the request")
    assert generation.current() not in {before, None}
    assert generation.current() == cache.get(generation.GENERATION_KEY)


def test_a_new_release_replaces_the_release_but_not_the_generation():
    page_generation, release = generation.current(), generation.release()
    generation.new_release()
    assert generation.current() == page_generation
    assert generation.release() != release
