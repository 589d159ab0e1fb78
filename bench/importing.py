"""What the import benchmarks share: Django on the project's settings, a
throwaway test database, and a timer that counts SQL queries."""

import contextlib
import os
import sys
import time
from pathlib import Path


def setup():
    """Set Django up on the blog's settings (DEBUG on, so queries are recorded)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()


@contextlib.contextmanager
def throwaway_database(suffix):
    """A fresh test database on whatever DATABASE_URL names, dropped afterwards."""
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":
        # Not the test suite's database: both may run at once.
        connection.settings_dict["TEST"]["NAME"] = f"{old_name}_{suffix}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _cpu_seconds():
    # This process's CPU time and that of its finished children (rendering
    # workers): on a shared machine a steadier measure than the clock.
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def measure(label, count, action):
    """Run ``action``; print its time, posts per second, CPU time per post
    (with its rendering workers, and in this process alone: what the clock
    would show with a core for each) and queries per post."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start, cpu_start, own_start = time.perf_counter(), _cpu_seconds(), time.process_time()
        result = action()
        seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
        own = time.process_time() - own_start
    print(
        f"{label:<22} {seconds:7.2f} s  {count / seconds:7.0f} posts/s  "
        f"CPU/post {1000 * cpu / count:.2f} ms, {1000 * own / count:.2f} in this process  "
        f"{len(queries):6d} queries  {len(queries) / count:5.2f} per post"
    )
    return result
