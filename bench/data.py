"""The bench's data set: SIZE published posts with their comments in PostgreSQL.

    python -m bench.data --size 400 [--comments 15] [--fresh]

fills ``blog_bench_<size>`` (``<BENCH_DATABASE_PREFIX>_<size>`` when that is
set; on BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432). A
database already holding the same data set, recorded in its PostgreSQL
comment once filling finished, is kept (only new migrations are applied);
``--fresh`` drops and refills it.

Posts are the demo posts (long Chinese and English articles with code),
rendered once each and copied with new titles, slugs and dates, so their HTML
is what the blog really stores while 10,000 posts (and their 100,000
comments) are inserted in about fifteen seconds. Publish dates spread over
ten years whatever the size. Search fields are filled by the project's
``reindex_posts`` command, as after any bulk load: most of the time a fill
takes. A database filled by an older renderer is not noticed: ``--fresh``.
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import timedelta

import psycopg

from bench.servers import POSTGRES_URL, ROOT, blog_env, database_name

# Bump when the generated data changes, so older databases are refilled.
VERSION = 1
BATCH = 2000
SPAN = timedelta(days=3650)

COMMENT_BODIES = [
    "写得很清楚，谢谢！`kubectl describe pod` 这个命令我之前一直没注意到。",
    "请问在生产环境里 readinessProbe 的 `initialDelaySeconds` 一般设多少？\n\n"
    "我们的服务启动要 40 秒左右。",
    "> 一个 Pod 里的容器共享网络命名空间\n\n这一点很关键，很多人第一次都会踩坑。",
    "Great write-up. One nit: the `maxSurge` default is 25%, not 1.\n\n"
    "See https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
    "我们是这样做的：\n\n```yaml\nresources:\n  requests:\n    cpu: 100m\n"
    "    memory: 128Mi\n```\n\n效果还不错。",
    "*服务拆分*之后，分布式事务怎么处理？有没有推荐的做法？",
]


def default_comments(size):
    """Comments per post: 15 (the issue's blog), 10 from 10,000 posts (100,000 in all)."""
    return 15 if size < 10_000 else 10


def signature(size, comments):
    return f"blog bench data v{VERSION}: {size} posts, {comments} comments each"


def _admin_connection():
    try:
        return psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True)
    except psycopg.OperationalError as exc:
        raise SystemExit(
            f"PostgreSQL at {POSTGRES_URL} (BENCH_POSTGRES_URL) does not answer: {exc}"
        ) from exc


def _recorded_signature(name):
    with _admin_connection() as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    return None if row is None else (row[0] or "")


def _recreate(name):
    with _admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _record(name, text):
    with _admin_connection() as connection:
        connection.execute(f"COMMENT ON DATABASE \"{name}\" IS '{text}'")


def _manage(size, *args):
    env = blog_env(size, page_cache=False)
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def post_templates():
    """The demo posts, rendered once: (title, slug, tag names, rendered fields)."""
    from posts.management.commands.load_demo import DEMO_DIR, read_demo_file
    from posts.models import Post
    from posts.slugs import unicode_slug

    templates = []
    for path in sorted(DEMO_DIR.glob("*.md")):
        meta, body = read_demo_file(path)
        post = Post(title=meta["title"], body=body)
        post.render()
        fields = {
            name: getattr(post, name)
            for name in ("body", "body_html", "excerpt_html", "toc_html", "reading_minutes")
        }
        slug = meta.get("slug") or unicode_slug(meta["title"])
        templates.append((meta["title"], slug, meta.get("tags", []), fields))
    return templates


def create_posts(size, now):
    """Insert ``size`` published posts, newest first, one draft in a hundred and one
    scheduled post; return the published posts' ids, newest first."""
    from taggit.models import Tag

    from posts.models import Post, TaggedPost

    templates = post_templates()
    names = {name for _, _, tags, _ in templates for name in tags}
    names |= {f"topic-{number:02}" for number in range(40)}
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in sorted(names)}
    posts, tag_names = [], []
    for number in range(size + size // 100 + 1):
        title, slug, template_tags, fields = templates[number % len(templates)]
        status, publish_at = Post.Status.PUBLISHED, now - SPAN * (number + 1) / (size + 1)
        if number >= size:  # the extras: drafts, then one post due in a month
            status = Post.Status.DRAFT if number < size + size // 100 else status
            publish_at = now + timedelta(days=30) if status == Post.Status.PUBLISHED else now
        posts.append(
            Post(
                title=f"{title}（{number}）",
                slug=f"{slug}-{number}",
                status=status,
                publish_at=publish_at,
                **fields,
            )
        )
        tag_names.append([*template_tags, f"topic-{number % 40:02}"])
    Post.objects.bulk_create(posts, batch_size=BATCH)
    TaggedPost.objects.bulk_create(
        (
            TaggedPost(content_object_id=post.pk, tag_id=tags[name].pk)
            for post, names in zip(posts, tag_names, strict=True)
            for name in names
        ),
        batch_size=BATCH,
    )
    return posts[:size]


def create_comments(posts, per_post):
    """``per_post`` approved comments on each post; every fourth one is a reply."""
    from comments.models import Comment
    from comments.rendering import render_comment

    rendered = [(body, render_comment(body)) for body in COMMENT_BODIES]

    def comment(post, index, parent=None):
        body, body_html = rendered[(post.pk + index) % len(rendered)]
        return Comment(
            post=post,
            parent=parent,
            name=f"读者{index}",
            email=f"reader{index}@example.com",
            website="https://example.com/" if index % 3 == 0 else "",
            body=body,
            body_html=body_html,
            status=Comment.Status.APPROVED,
            created_at=post.publish_at + timedelta(hours=index + 1),
        )

    replies_per_post = per_post // 4
    for start in range(0, len(posts), BATCH // per_post + 1):
        chunk = posts[start : start + BATCH // per_post + 1]
        tops = [comment(post, i) for post in chunk for i in range(per_post - replies_per_post)]
        Comment.objects.bulk_create(tops)
        top_count = per_post - replies_per_post
        Comment.objects.bulk_create(
            comment(post, top_count + i, parent=tops[n * top_count + i % top_count])
            for n, post in enumerate(chunk)
            for i in range(replies_per_post)
        )


def fill(size, per_post):
    os.environ.update(blog_env(size, page_cache=False))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    started = time.perf_counter()
    with transaction.atomic():
        posts = create_posts(size, timezone.now())
        create_comments(posts, per_post)
    print(f"  inserted in {time.perf_counter() - started:.1f} s", flush=True)
    connection.close()


def ensure(size, per_post, fresh=False):
    """Make ``blog_bench_<size>`` hold the data set; return "reused" or "filled"."""
    name = database_name(size)
    wanted = signature(size, per_post)
    if not fresh and _recorded_signature(name) == wanted:
        _manage(size, "migrate", "--noinput", "--verbosity", "0")
        return "reused"
    print(f"Filling {name}: {wanted} …", flush=True)
    started = time.perf_counter()
    _recreate(name)
    _manage(size, "migrate", "--noinput", "--verbosity", "0")
    # In a process of its own: Django is set up for this database only there.
    subprocess.run(
        [sys.executable, "-m", "bench.data", "--size", str(size), "--comments", str(per_post),
         "--insert-only"],
        cwd=ROOT,
        check=True,
    )  # fmt: skip
    reindex_started = time.perf_counter()
    _manage(size, "reindex_posts", "--verbosity", "0")
    print(f"  search fields in {time.perf_counter() - reindex_started:.1f} s", flush=True)
    with psycopg.connect(f"{POSTGRES_URL}/{name}", autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    _record(name, wanted)
    print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    return "filled"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=400, help="published posts")
    parser.add_argument("--comments", type=int, help="comments per post")
    parser.add_argument("--fresh", action="store_true", help="drop and refill the database")
    parser.add_argument("--insert-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    per_post = args.comments if args.comments is not None else default_comments(args.size)
    if args.insert_only:
        fill(args.size, per_post)
    else:
        print(ensure(args.size, per_post, args.fresh))


if __name__ == "__main__":
    main()
