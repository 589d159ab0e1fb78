"""Where an uncached page's time goes: cProfile of the bench's pages.

    python -m bench.profile_pages --size 400 [--requests 20] [--top 12]

Runs in-process against ``blog_bench_<size>`` (fill it with ``make bench`` or
``python -m bench.data`` first) with the page cache off, and prints for each
page the mean time per request (without the profiler), the share of the
profiled time spent rendering templates (queries that templates trigger
included) and in SQL, and the functions with the most time of their own.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time

from bench.servers import HOST, ROOT, blog_env

# Cumulative time of these functions is what a request spends there: the
# template backend's render wraps a whole page (includes and inclusion tags
# too), the cursor's _execute every query with its driver time.
AREAS = {
    "templates": ("django/template/backends/django.py", "render"),
    "SQL": ("django/db/backends/utils.py", "_execute"),
}


def area_seconds(stats, filename, function):
    return sum(
        values[3]
        for (path, _, name), values in stats.stats.items()
        if path.endswith(filename)
        and name == function
        # The outermost call only: recursive renders would count twice.
        and not any(caller[0].endswith(filename) and caller[2] == function for caller in values[4])
    )


def profile_page(client, path, requests, top):
    client.get(path)  # connections, templates and translations loaded
    started = time.perf_counter()
    for _ in range(requests):
        client.get(path)
    plain = (time.perf_counter() - started) / requests
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    shares = ", ".join(
        f"{area} {area_seconds(stats, *where) / total:.0%}" for area, where in AREAS.items()
    )
    print(f"\n{path}\n{plain * 1000:.1f} ms a request; of the profiled time: {shares}")
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("tottime").print_stats(top)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    print("\n".join(line.replace(str(ROOT) + "/", "") for line in lines[start:] if line))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=400)
    parser.add_argument("--requests", type=int, default=20, help="per page (20)")
    parser.add_argument("--top", type=int, default=12, help="functions listed per page (12)")
    args = parser.parse_args()
    os.environ.update(blog_env(args.size, page_cache=False))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    from bench.pages import paths

    client = Client(HTTP_HOST=HOST)
    for path in paths().values():
        profile_page(client, path, args.requests, args.top)


if __name__ == "__main__":
    main()
