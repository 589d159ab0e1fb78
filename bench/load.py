"""Load generators: wrk when installed, else Python processes with keep-alive.

Both keep ``connections`` connections busy for ``seconds`` and report
requests/s and the p50 and p99 latency of every response. wrk stops at the
deadline and drops the requests still running, so a page slower than the
measurement yields nothing, and the server goes on rendering the dropped
requests while the next row is measured. The Python clients start no request
after the deadline (or ``max_requests``) but finish the one they are in, so
``measure`` hands them any page whose warm-up p99 is a sizeable part of the
measurement. Any error or non-200 response stops the bench: a fast
404 is not a fast page.
"""

import http.client
import multiprocessing
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.servers import HOST

LUA = Path(__file__).with_name("wrk_report.lua")
# wrk is used only when the requests it drops at its deadline are a small
# part of the measurement: when the warm-up's p99 is at most this fraction
# of it.
WRK_MAX_P99_SHARE = 1 / 20


@dataclass
class Result:
    requests: int
    rps: float
    p50: float  # seconds
    p99: float
    tool: str


def wrk_path():
    return shutil.which("wrk")


def describe(connections, use_wrk):
    if use_wrk:
        tool = "wrk (Python clients for pages with a p99 over 1/20 of a row)"
    elif wrk_path():
        tool = "Python http.client processes"
    else:
        tool = "Python http.client processes (wrk not installed)"
    return f"{tool}, {connections} connections (kept alive when the server allows)"


def measure(port, path, *, warmup, seconds, connections, max_requests, use_wrk, accept_encoding):
    """A warm-up (Python clients), then the measurement; every request sends
    ``accept_encoding`` as its ``Accept-Encoding`` (none when empty)."""
    headers = {"Host": HOST}
    if accept_encoding:
        headers["Accept-Encoding"] = accept_encoding
    warm = _python(port, path, warmup, connections, max_requests, headers)
    if use_wrk and warm.p99 <= seconds * WRK_MAX_P99_SHARE:
        return _wrk(port, path, seconds, connections, accept_encoding)
    return _python(port, path, seconds, connections, max_requests, headers)


def _wrk(port, path, seconds, connections, accept_encoding):
    command = [
        wrk_path(),
        f"--threads={min(2, connections)}",
        f"--connections={connections}",
        # wrk takes whole seconds only.
        f"--duration={max(1, round(seconds))}s",
        "--timeout=30s",
        f"--script={LUA}",
        f"http://127.0.0.1:{port}{path}",
    ]
    environment = {**os.environ, "BENCH_ACCEPT_ENCODING": accept_encoding}
    finished = subprocess.run(command, capture_output=True, text=True, env=environment)
    output = finished.stdout + finished.stderr
    if finished.returncode:
        raise SystemExit(f"wrk failed for {path}:\n{output}")
    match = re.search(r"^BENCH (.*)$", output, re.MULTILINE)
    if not match:
        raise SystemExit(f"wrk printed no report for {path}:\n{output}")
    fields = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", match.group(1))}
    if fields["errors"] or fields["status_errors"]:
        raise SystemExit(f"{path}: wrk saw errors: {match.group(1)}\n{output}")
    return Result(
        requests=fields["requests"],
        rps=fields["requests"] * 1e6 / fields["duration_us"],
        p50=fields["p50_us"] / 1e6,
        p99=fields["p99_us"] / 1e6,
        tool="wrk",
    )


def _client(port, path, start_at, deadline, limit, headers):
    """One connection's loop, in a process of its own so that the GIL of one
    client does not hold back the others."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, bad = [], []
    while time.time() < start_at:
        time.sleep(0.001)
    while len(latencies) < limit and time.time() < deadline:
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
        if response.status != 200:
            bad.append(response.status)
    connection.close()
    return latencies, bad, time.time()


def _python(port, path, seconds, connections, max_requests, headers):
    # Every client starts at the same moment, after the processes have forked.
    start_at = time.time() + 0.3
    deadline = start_at + seconds
    limit = -(-max_requests // connections)
    context = multiprocessing.get_context("fork")
    with context.Pool(connections) as pool:
        arguments = (port, path, start_at, deadline, limit, headers)
        outcomes = pool.starmap(_client, [arguments] * connections)
    latencies = sorted(value for mine, _, _ in outcomes for value in mine)
    bad = [status for _, statuses, _ in outcomes for status in statuses]
    if bad:
        raise SystemExit(f"{path}: {len(bad)} non-200 responses, e.g. {bad[0]}")
    elapsed = max(finished for _, _, finished in outcomes) - start_at
    return Result(
        requests=len(latencies),
        rps=len(latencies) / elapsed,
        p50=latencies[len(latencies) // 2],
        p99=latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        tool="python",
    )
