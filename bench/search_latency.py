"""Search latency on PostgreSQL with a realistic number of posts.

Creates (once) a database of its own holding ``--posts`` published posts
built from the demo posts' Chinese and English paragraphs, then requests
``/search/?q=…`` ``--queries`` times in-process with a mix of Chinese words,
Chinese phrases, English words that need stemming and mixed queries, and
prints the median and p99 latency of the whole request (query, count,
snippets, template) and the query plan of one search.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/blog_search_bench \\
        .venv/bin/python bench/search_latency.py

The database named by DATABASE_URL (default above) is created if missing and
must not be one you care about: ``--fresh`` drops and refills it.
"""

import argparse
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/blog_search_bench"

QUERIES = [
    # Chinese two-character words.
    "容器", "服务", "部署", "网络", "存储", "配置", "日志", "指标", "集群", "节点",
    # Chinese phrases.
    "服务发现", "滚动更新", "分布式追踪", "负载均衡", "最终一致性", "服务网格", "自动扩缩容",
    # English words that need the stemmer.
    "deploying", "services", "configured", "scaling", "pods", "containers", "observability",
    "restarting", "tracing", "probes",
    # Mixed and multi-term.
    "kubernetes 容器", "istio 流量", "deployment 回滚", "go 服务", "pod crashloopbackoff",
    # Rare and absent.
    "熔断", "outbox", "不存在的词语", "nonexistentword",
]  # fmt: skip


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--fresh", action="store_true", help="drop and refill the database")
    parser.add_argument("--seed", type=int, default=5)
    return parser.parse_args()


def ensure_database(url, fresh):
    import psycopg

    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        sys.exit("DATABASE_URL must name a PostgreSQL database for this benchmark.")
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def demo_material():
    from posts.management.commands.load_demo import DEMO_DIR, read_demo_file

    titles, paragraphs, tags = [], [], set()
    for path in sorted(DEMO_DIR.glob("*.md")):
        meta, body = read_demo_file(path)
        titles.append(meta["title"])
        tags.update(meta.get("tags", []))
        paragraphs.extend(block for block in body.split("\n\n") if block.strip())
    return titles, paragraphs, sorted(tags)


def fill(count, rng):
    """Add published posts until there are ``count``, written as the Jekyll
    importer writes them (``save_in_bulk``, tags linked in bulk, one
    re-index), a thousand at a time."""
    from django.utils import timezone

    from importers.tagging import TagCache, TagLinks
    from posts.models import Post, save_in_bulk

    existing = Post.objects.count()
    if existing >= count:
        return existing
    titles, paragraphs, tags = demo_material()
    now = timezone.now()
    started = time.perf_counter()
    tag_cache = TagCache(dry_run=False)
    for first in range(existing, count, 1000):
        posts, wanted = [], []
        for number in range(first, min(first + 1000, count)):
            picked = rng.sample(paragraphs, rng.randint(10, min(60, len(paragraphs))))
            posts.append(
                Post(
                    title=f"{rng.choice(titles)}（{number}）",
                    slug=f"bench-{number}",
                    body="\n\n".join(picked),
                    status=Post.Status.PUBLISHED,
                    publish_at=now - timezone.timedelta(hours=number * 7 + 1),
                )
            )
            wanted.append(tag_cache.ids(rng.sample(tags, rng.randint(1, 4))))
        changed = save_in_bulk(posts, processes=os.cpu_count() or 1)
        links = TagLinks()
        for post, tag_ids in zip(posts, wanted, strict=True):
            links.change(post, set(), tag_ids)
        links.save(also_changed=changed)
    print(f"created {count - existing} posts in {time.perf_counter() - started:.1f}s")
    return count


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def main():
    args = parse_args()
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    ensure_database(url, args.fresh)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "search-latency-benchmark-only-" + "x" * 30)
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    total = fill(args.posts, rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE posts_post")

    client = Client(HTTP_HOST="localhost")
    queries = [rng.choice(QUERIES) for _ in range(args.queries)]
    timings, hits = [], []
    # Static files are not collected here; serve their names unhashed.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    with override_settings(STORAGES=storages):
        for query in QUERIES[:5]:
            client.get("/search/", {"q": query})  # warm-up: connections, templates
        for query in queries:
            started = time.perf_counter()
            response = client.get("/search/", {"q": query})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (query, response.status_code)
            hits.append(response.content.count(b'class="entry search-result"'))

    print(f"PostgreSQL {connection.pg_version // 10000}, {total} published posts")
    answered = sum(count > 0 for count in hits)
    print(f"{len(queries)} queries, {len(set(queries))} distinct, {answered} with hits")
    print(f"search request latency: median {statistics.median(timings):.1f} ms, "
          f"p99 {percentile(timings, 0.99):.1f} ms, max {max(timings):.1f} ms")  # fmt: skip
    # The database's share: the first page and its count, as the page runs them.
    db_timings = []
    for query in queries:
        started = time.perf_counter()
        first_page_plan(query, explain=False)
        db_timings.append((time.perf_counter() - started) * 1000)
    print(f"search queries alone: median {statistics.median(db_timings):.1f} ms, "
          f"p99 {percentile(db_timings, 0.99):.1f} ms")  # fmt: skip
    sample = "服务发现 deploying"
    print(f"\nplan for {sample!r}:\n{first_page_plan(sample, explain=True)}")


def first_page_plan(query, explain):
    """Fetch the first page of results for ``query`` as the search page does;
    with ``explain``, return the plan of its first query (the one that finds
    and orders the matches), run again under EXPLAIN."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from posts.models import Post
    from search.query import matched_through_the_index, search_paginator
    from search.text import parse_query

    posts = Post.objects.published().only("title", "slug", "publish_at", "search_text")
    paginator = search_paginator(posts, parse_query(query), settings.POSTS_PER_PAGE)
    with matched_through_the_index(posts.db), CaptureQueriesContext(connection) as run:
        list(paginator.page(1))
        if not explain:
            return None
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + run.captured_queries[0]["sql"])
            return "\n".join(line for (line,) in cursor.fetchall())


if __name__ == "__main__":
    main()
