"""``make bench [SIZE=400] [FRESH=1]``: the blog under load beside a Django floor.

In one run on this machine, with the same gunicorn settings for every server:

- the floor: the smallest Django app (``bench/floor/``: one view returning a
  fixed 20 KB page, no middleware), measured at the start and at the end so
  that a busy machine shows as two different floors;
- every request says ``Accept-Encoding: gzip, deflate, br`` as browsers and
  feed readers do (``--accept-encoding ''`` for none);
- the blog's stylesheet, served through whitenoise;
- the index, a post with comments, the biggest tag's page, the archives and
  ``/atom.xml``, each *uncached* (``PAGE_CACHE=0``: the full-page cache off)
  and *cached* (default settings, Redis cache warmed by the warm-up).

The blog reads PostgreSQL ``blog_bench_<SIZE>`` (see ``bench/data.py``:
SIZE posts, 15 comments each, 10 from 10,000 posts up; kept between runs)
and Redis db 9 of 127.0.0.1:6379 (BENCH_CACHE_URL), flushed before the
measurements. Each row is a warm-up then ``--seconds`` of load (see
``bench/load.py`` for when it ends and which client sends it). Queries and
CPU time per page are measured in-process with the same settings
(``bench/pages.py``). Results are kept in ``.data/bench/`` and the uncached
pages printed beside the last run of every other size.
"""

import argparse
import contextlib
import json
import os
import shlex
import statistics
import subprocess
import sys

from bench import data, load, report
from bench.floor.urls import PAGE as FLOOR_PAGE
from bench.servers import ROOT, Gunicorn, Server, blog_env, floor_env, flush_cache

# What a browser or a feed reader says it accepts: cached pages without a
# reader's tokens are then sent gzipped (posts.pagecache.encoding).
ACCEPT_ENCODING = "gzip, deflate, br"


def parse_args():
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n")[0].strip("`")
    )
    parser.add_argument("--size", type=int, default=400, help="published posts (400)")
    parser.add_argument("--comments", type=int, help="comments per post (15; 10 from 10,000)")
    parser.add_argument("--fresh", action="store_true", help="drop and refill the database")
    parser.add_argument("--seconds", type=int, default=8, help="load per measurement (8)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up per measurement (2)")
    parser.add_argument("--requests", type=int, default=20_000, help="cap, Python client only")
    parser.add_argument("--connections", type=int, default=4, help="concurrent clients (4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads (1: sync)")
    parser.add_argument("--python-load", action="store_true", help="never use wrk")
    parser.add_argument(
        "--accept-encoding",
        default=ACCEPT_ENCODING,
        help=f"what clients accept, as browsers and feed readers send it ({ACCEPT_ENCODING!r}; "
        "'' for nothing)",
    )
    return parser.parse_args()


def collect_static(size):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=blog_env(size, page_cache=False),
        check=True,
    )
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def blog_pages(size, mode):
    output = subprocess.run(
        [sys.executable, "-m", "bench.pages", "--size", str(size), "--mode", mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if output.returncode:
        raise SystemExit(f"counting queries ({mode}) failed:\n{output.stderr}")
    return json.loads(output.stdout)


def measure_all(args, pages, static_path):
    """Every row, in the order printed.

    The three servers run side by side (an idle gunicorn costs nothing) so
    that each page is measured uncached then cached back to back: on a shared
    machine, load that comes and goes then affects both modes alike.
    """
    gunicorn = Gunicorn(args.workers, args.threads)
    options = {
        "warmup": args.warmup,  # also fills the page cache in cached mode
        "seconds": args.seconds,
        "connections": args.connections,
        "max_requests": args.requests,
        "use_wrk": args.use_wrk,
        "accept_encoding": args.accept_encoding,
    }

    def row(server, path, name, mode="-", **extra):
        result = load.measure(server.port, path, **options)
        print(".", end="", flush=True)
        return {"name": name, "mode": mode, **vars(result), **extra}

    flush_cache()
    with contextlib.ExitStack() as stack:
        floor = stack.enter_context(Server("bench.floor.wsgi", floor_env(), gunicorn))
        blogs = {
            mode: stack.enter_context(
                Server("blog.wsgi", blog_env(args.size, page_cache=mode == "cached"), gunicorn)
            )
            for mode in pages
        }
        static_bytes = (ROOT / "staticfiles" / static_path.removeprefix("/static/")).stat()
        rows = [
            row(floor, "/", "floor (first)", bytes=len(FLOOR_PAGE)),
            row(blogs["uncached"], static_path, "static stylesheet", bytes=static_bytes.st_size),
        ]
        for name in pages["uncached"]:
            for mode, server in blogs.items():
                page = pages[mode][name]
                extra = {key: page[key] for key in ("queries", "bytes", "cpu", "sql")}
                rows.append(row(server, page["path"], name, mode, **extra))
        rows.append(row(floor, "/", "floor (last)", bytes=len(FLOOR_PAGE)))
    print()
    return rows


def command_line(args):
    command = shlex.join(["python", "-m", "bench.run", *sys.argv[1:]])
    return f"bench: {command}   (make bench SIZE={args.size})"


def header_lines(args, per_post, status):
    return [
        command_line(args),
        f"size: {args.size:,} published posts, {per_post} comments each "
        f"({args.size * per_post:,} comments); database blog_bench_{args.size} ({status})",
        f"servers: {Gunicorn(args.workers, args.threads).describe()}, --no-control-socket, "
        f"127.0.0.1; {os.cpu_count()} CPUs shared with the load generator",
        f"load: {load.describe(args.connections, args.use_wrk)}; {args.warmup:g} s warm-up, "
        f"then {args.seconds:g} s per row; Accept-Encoding: {args.accept_encoding or '(none)'}",
    ]


def notes(uncached, cached):
    same = all(uncached[name]["queries"] == cached[name]["queries"] for name in uncached)
    if same:
        return (
            "Cached and uncached rows run the same queries: the blog has no full-page "
            "cache yet (PAGE_CACHE=0 changes nothing), so both modes measure the same "
            "thing and their difference is noise."
        )
    return "Cached rows: queries counted on a warm cache, the second request of a page."


def main():
    args = parse_args()
    args.use_wrk = bool(load.wrk_path()) and not args.python_load
    per_post = args.comments if args.comments is not None else data.default_comments(args.size)
    print(command_line(args), flush=True)
    status = data.ensure(args.size, per_post, args.fresh)
    header = header_lines(args, per_post, status)
    print("\n".join(header[1:]), flush=True)
    static_path = collect_static(args.size)
    uncached_pages = blog_pages(args.size, "uncached")
    cached_pages = blog_pages(args.size, "cached")
    load_before = os.getloadavg()[0]
    print("measuring", end="", flush=True)
    pages = {"uncached": uncached_pages, "cached": cached_pages}
    rows = measure_all(args, pages, static_path)
    floors = [row for row in rows if row["name"].startswith("floor")]
    floor = {key: statistics.mean(row[key] for row in floors) for key in ("rps", "p50", "p99")}
    rows = floors + [row for row in rows if not row["name"].startswith("floor")]
    print()
    print(report.table(rows, floor))
    print(
        "\nRatios are to the mean of the two floor rows. Load average (1 min) before "
        f"measuring {load_before:.1f}, after {os.getloadavg()[0]:.1f}, on {os.cpu_count()} CPUs."
    )
    print(notes(uncached_pages, cached_pages))
    path = report.save(args.size, header, rows, floor)
    comparison = report.growth()
    if comparison:
        print("\n" + comparison)
    print(f"\nResults kept in {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
