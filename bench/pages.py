"""The blog pages the bench measures, and the queries, CPU and SQL time of each.

    python -m bench.pages --size 400 --mode uncached|cached

prints JSON: for each page its path, its size, the queries one request runs
in that mode, the CPU time the Django process spends on it and the time it
waits for its queries (the CPU time does not include PostgreSQL's, the SQL
time does), measured in-process with Django's test client, each time the
least of five requests. Unlike requests/s under load, these hardly move when
other processes compete for the machine. In cached mode a page is requested
once before counting: what a reader meets once the cache is warm.
"""

import argparse
import json
import os
import sys
import time

from bench.servers import HOST, ROOT, blog_env, flush_cache


def paths():
    """Index, the post in the middle of the timeline, the biggest tag, archives, feed."""
    from django.db.models import Count
    from taggit.models import Tag

    from posts.models import Post

    published = Post.objects.published().order_by("-publish_at", "-id")
    middle = published[published.count() // 2]
    tag = (
        Tag.objects.filter(tagged_posts__content_object__in=published)
        .annotate(posts=Count("tagged_posts"))
        .order_by("-posts", "name")
        .first()
    )
    return {
        "index /": "/",
        f"post, {middle.comments.approved().count()} comments": middle.get_absolute_url(),
        "tag page": f"/tags/{tag.slug}/",
        "archives": "/blog/archives/",
        "atom feed": "/atom.xml",
    }


def costs(client, path, requests=5):
    """CPU seconds of the process and seconds waiting on SQL for one request: the
    least of a few, the one other processes on the machine disturbed least."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cpu, sql = [], []
    for _ in range(requests):
        started = time.process_time()
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        cpu.append(time.process_time() - started)
        sql.append(sum(float(query["time"]) for query in captured.captured_queries))
    return min(cpu), min(sql)


def count_queries(pages, cached):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    measured = {}
    for name, path in pages.items():
        if cached:
            client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        cpu, sql = costs(client, path)
        measured[name] = {
            "path": path,
            "queries": len(captured),
            "bytes": len(response.content),
            "cpu": cpu,
            "sql": sql,
        }
    return measured


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--mode", choices=["uncached", "cached"], required=True)
    args = parser.parse_args()
    cached = args.mode == "cached"
    os.environ.update(blog_env(args.size, page_cache=cached))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    flush_cache()
    print(json.dumps(count_queries(paths(), cached)))


if __name__ == "__main__":
    main()
