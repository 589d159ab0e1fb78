"""The blog pages the bench measures, and the SQL queries each one runs.

    python -m bench.pages --size 400 --mode uncached|cached

prints JSON: for each page its path, its size and the queries one request
runs in that mode, counted in-process with Django's test client. In cached
mode a page is requested twice and the second request counted: that is what
a reader meets once the cache is warm.
"""

import argparse
import json
import os
import sys

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
