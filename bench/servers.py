"""Starting and stopping the gunicorn servers the bench measures.

The floor app and the blog run with exactly the same gunicorn arguments, so
that the ratio between them is the cost of the blog and nothing else.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
# Never db 0: flushing it between modes must not touch anyone else's keys.
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/9")
# Another name for the bench's databases (<prefix>_<size>), so that a second
# checkout can measure without touching the databases the first one fills.
DATABASE_PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "blog_bench")
HOST = "localhost"


@dataclass(frozen=True)
class Gunicorn:
    workers: int = 2
    threads: int = 1

    def describe(self):
        if self.threads == 1:
            kind = "sync: one request per connection"
        else:
            kind = f"gthread, {self.threads} threads each, keep-alive"
        return f"gunicorn {self.workers} workers ({kind})"

    def command(self, app, port):
        return [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            # Several instances on one machine would fight over the default
            # control socket path.
            "--no-control-socket",
            "--log-level",
            "warning",
        ]


def database_name(size):
    return f"{DATABASE_PREFIX}_{size}"


def database_url(size):
    return f"{POSTGRES_URL}/{database_name(size)}"


def blog_env(size, *, page_cache):
    """The blog's environment for the bench: production settings over plain HTTP.

    ``page_cache=False`` sets PAGE_CACHE=0, the switch for the full-page cache;
    ``True`` leaves the blog's default.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "blog.settings",
        "DATABASE_URL": database_url(size),
        "CACHE_URL": CACHE_URL,
        "DJANGO_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1,testserver",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("PAGE_CACHE", None)
    if not page_cache:
        env["PAGE_CACHE"] = "0"
    return env


def floor_env():
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.floor.settings"}


def flush_cache():
    """Empty the bench's Redis database (only that one)."""
    import redis

    if urlsplit(CACHE_URL).path.strip("/") in {"", "0"}:
        raise SystemExit(f"BENCH_CACHE_URL={CACHE_URL}: name a Redis database other than 0.")
    try:
        redis.Redis.from_url(CACHE_URL).flushdb()
    except redis.RedisError as exc:
        raise SystemExit(f"Redis at {CACHE_URL} (BENCH_CACHE_URL) does not answer: {exc}") from exc


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A gunicorn serving ``app``; a context manager that waits until it answers."""

    def __init__(self, app, env, gunicorn):
        self.port = free_port()
        self.process = subprocess.Popen(gunicorn.command(app, self.port), cwd=ROOT, env=env)

    def __enter__(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with status {self.process.returncode}")
            if self._answers():
                return self
            time.sleep(0.1)
        self.stop()
        raise SystemExit("gunicorn did not answer within 60 seconds")

    def __exit__(self, *exc):
        self.stop()

    def _answers(self):
        # Any HTTP answer will do: the master binds before workers boot, so
        # only a response shows that a worker has loaded the app.
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", "/robots.txt", headers={"Host": HOST})
            connection.getresponse().read()
            return True
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
