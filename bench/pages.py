"""The blog pages the bench measures, the SQL queries and CPU time each one costs.

    python -m bench.pages --size 400 --mode uncached|cached

prints JSON: for each page its path, its size, the queries one request runs
in that mode and the CPU time the Django process spends on it (the median of
a few requests; PostgreSQL's own time is not in it), measured in-process with
Django's test client. Unlike requests/s under load, the CPU time hardly moves
when other processes compete for the machine. In cached mode a page is
requested once before counting: what a reader meets once the cache is warm.
"""

import argparse
import json
import os
import statistics
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


def cpu_seconds(client, path, requests=5):
    times = []
    for _ in range(requests):
        started = time.process_time()
        client.get(path)
        times.append(time.process_time() - started)
    return statistics.median(times)


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
        measured[name] = {
            "path": path,
            "queries": len(captured),
            "bytes": len(response.content),
            "cpu": cpu_seconds(client, path),
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
