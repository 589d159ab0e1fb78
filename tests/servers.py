"""Throwaway servers for tests that stop and start them: a PostgreSQL cluster,
a Redis server and the blog under gunicorn as `make run` serves it.

Each runs on a free port from a temporary folder and is stopped by its own
process id; ``ExitStack`` callbacks stop whatever was started, even when a
test fails half-way.
"""

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1:] or [""]
PG_CTL = os.path.join(PG_BIN[0], "pg_ctl")
INITDB = os.path.join(PG_BIN[0], "initdb")
GUNICORN = Path(sys.executable).parent / "gunicorn"


def missing_tools():
    """Why these servers cannot run here, or "" when they can."""
    if os.geteuid() != 0:
        return "needs root, to run PostgreSQL as the postgres user"
    for tool in (PG_CTL, INITDB, shutil.which("redis-server"), shutil.which("runuser")):
        if not tool or not os.access(tool, os.X_OK):
            return f"{tool or 'a server program'} is not installed"
    return ""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing answered on port {port} within {seconds} s")


class PostgresCluster:
    """A cluster of its own, owned by the postgres user, trusting local connections."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="blog-pg-")
        shutil.chown(self.folder, "postgres", "postgres")
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/blog"
        self.as_postgres(INITDB, "-D", self.folder, "-A", "trust", "-U", "postgres", "--no-sync")

    @staticmethod
    def as_postgres(*command):
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.as_postgres(
            PG_CTL, "-D", self.folder, "-o", options, "-l", f"{self.folder}/log", "-w", "start"
        )
        wait_for_port(self.port)

    def stop(self):
        self.as_postgres(PG_CTL, "-D", self.folder, "-m", "fast", "-w", "stop")

    def remove(self):
        if os.path.exists(os.path.join(self.folder, "postmaster.pid")):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class RedisServer:
    """``redis-server`` on a free port, keeping nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Blog:
    """The blog served as `make run` serves it: gunicorn, one worker, threads."""

    def __init__(self, environment, log_path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.environment = environment
        self.log_path = log_path
        self.process = None

    def manage(self, *arguments):
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=self.environment,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self):
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [
                    str(GUNICORN),
                    "blog.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    "1",
                    "--threads",
                    "4",
                    "--no-control-socket",
                    "--forwarded-allow-ips=",
                ],
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for_port(self.port)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)

    def log(self):
        return Path(self.log_path).read_text(errors="replace")
