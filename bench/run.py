"""Benchmark: gunicorn + PostgreSQL with a realistic data set.

Prints requests/s and latency per page next to a static-file floor measured in
the same run (the same gunicorn serving a stylesheet through whitenoise), and
the SQL queries each page runs. Usage: ``make bench`` (PostgreSQL must answer
at BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/blog_bench;
the database is dropped and rebuilt).

Options through the environment: BENCH_POSTS (default 400), BENCH_COMMENTS
per post (default 15), BENCH_REQUESTS per page (default 400), BENCH_CONCURRENCY
(default 4).
"""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/blog_bench")
POSTS = int(os.environ.get("BENCH_POSTS", "400"))
COMMENTS = int(os.environ.get("BENCH_COMMENTS", "15"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "400"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
TIME_LIMIT = 60  # seconds per page, whatever REQUESTS says

ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_HSTS_SECONDS": "0",
    "DJANGO_DEBUG": "0",
    "LOG_LEVEL": "WARNING",
    "DJANGO_ALLOWED_HOSTS": "localhost,testserver",
}


def recreate_database():
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def build_data():
    """Fill the bench database; returns the URLs to measure and their query counts."""
    os.environ.update(ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "blog.settings"
    import django

    django.setup()
    from datetime import timedelta

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from comments.models import Comment
    from posts.models import Post

    paragraph = (
        "在 Kubernetes 中，Service 为一组 Pod 提供稳定的访问入口，kube-proxy 负责把流量转发到后端。"
        "A Deployment keeps the desired number of replicas running and rolls out changes safely. "
    )
    code = '```go\nfunc main() {\n    fmt.Println("hello")\n}\n```\n'
    now = timezone.now()
    tags = [f"tag-{number}" for number in range(30)]
    for number in range(POSTS):
        body = "\n\n".join(
            [paragraph * 3, "<!-- more -->", f"## 第 {number} 节", paragraph * 8, code] * 3
        )
        post = Post.objects.create(
            title=f"微服务实践 {number}：服务发现与负载均衡",
            slug=f"post-{number}",
            body=body,
            status=Post.Status.PUBLISHED,
            publish_at=now - timedelta(hours=number * 7),
        )
        post.tags.set([tags[number % 30], tags[(number * 7) % 30], "Kubernetes"])
        Comment.objects.bulk_create(
            Comment(
                post=post,
                name=f"读者{index}",
                email=f"r{index}@example.com",
                body=f"评论 {index}：写得很好。",
                body_html=f"<p>评论 {index}：写得很好。</p>",
                status=Comment.Status.APPROVED,
            )
            for index in range(COMMENTS)
        )
    middle = Post.objects.get(slug=f"post-{POSTS // 2}")
    urls = {
        "index": "/",
        "index page 5": "/page/5/",
        "post": middle.get_absolute_url(),
        "tag": "/tags/kubernetes/",
        "archives": "/blog/archives/",
        "tags": "/tags/",
        "atom feed": "/atom.xml",
        "search zh": "/search/?" + urlencode({"q": "服务发现"}),
        "search en": "/search/?" + urlencode({"q": "deploying replicas"}),
    }
    queries = {}
    client = Client()
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries[name] = len(captured)
    connection.close()
    return urls, queries


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(port, path):
    """Send REQUESTS GETs over CONCURRENCY keep-alive connections; return rps and latencies."""
    latencies = []
    errors = []
    lock = threading.Lock()
    per_worker = REQUESTS // CONCURRENCY
    deadline = time.monotonic() + TIME_LIMIT

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        for _ in range(per_worker):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            connection.request("GET", path, headers={"Host": "localhost"})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                errors.append(response.status)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{path}: {len(errors)} non-200 responses, e.g. {errors[0]}")
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies), p99


def static_path():
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    import json

    paths = json.loads(manifest.read_text())["paths"]
    return "/static/" + paths["css/site.css"]


def main():
    print(f"Building the data set: {POSTS} posts, {COMMENTS} comments each …", flush=True)
    recreate_database()
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("collectstatic", "--noinput", "--verbosity", "0")
    urls, queries = build_data()
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "blog.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENV,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        floor_path = static_path()
        measure(port, floor_path)  # warm-up
        floor_rps, floor_median, floor_p99 = measure(port, floor_path)
        print(
            f"\n{'page':<14}{'req/s':>9}{'median ms':>11}{'p99 ms':>9}"
            f"{'vs floor':>10}{'queries':>9}"
        )
        print(
            f"{'static floor':<14}{floor_rps:>9.0f}{floor_median * 1000:>11.1f}"
            f"{floor_p99 * 1000:>9.1f}{'1.00x':>10}{'-':>9}"
        )
        for name, path in urls.items():
            measure(port, path)
            rps, median, p99 = measure(port, path)
            print(
                f"{name:<14}{rps:>9.0f}{median * 1000:>11.1f}{p99 * 1000:>9.1f}"
                f"{rps / floor_rps:>9.2f}x{queries[name]:>9}"
            )
        print(
            f"\n{REQUESTS} requests a page over {CONCURRENCY} keep-alive connections, "
            "gunicorn with 2 sync workers, PostgreSQL."
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
