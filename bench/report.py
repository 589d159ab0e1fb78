"""Printing the bench's results, and keeping them to compare data sizes."""

import json
import time

from bench.servers import ROOT

RESULTS_DIR = ROOT / ".data" / "bench"


def _number(value, digits=0):
    return "-" if value is None else f"{value:,.{digits}f}"


def table(rows, floor):
    """Rows of dicts (name, mode, rps, p50, p99, requests, queries, bytes) as text."""
    header = (
        f"{'page':<22}{'mode':<10}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
        f"{'req/s÷floor':>13}{'p99÷floor':>11}{'queries':>9}{'KB':>7}{'requests':>10}{'by':>8}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row['name']:<22}{row['mode']:<10}{row['rps']:>8,.0f}"
            f"{row['p50'] * 1000:>8.1f}{row['p99'] * 1000:>8.1f}"
            f"{row['rps'] / floor['rps']:>13.3f}{row['p99'] / floor['p99']:>11.1f}"
            f"{_number(row.get('queries')):>9}"
            f"{_number(row['bytes'] / 1024 if row.get('bytes') else None):>7}"
            f"{row['requests']:>10,}{row['tool']:>8}"
        )
    return "\n".join(lines)


def save(size, header, rows, floor):
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"size-{size}.json"
    record = {
        "size": size,
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "header": header,
        "floor": floor,
        "rows": rows,
    }
    path.write_text(json.dumps(record, indent=1))
    return path


def growth():
    """The uncached pages at this size beside the last run at every other size."""
    runs = sorted(
        (json.loads(path.read_text()) for path in RESULTS_DIR.glob("size-*.json")),
        key=lambda run: run["size"],
    )
    if len(runs) < 2:
        return None
    smallest = runs[0]
    labels = "".join(f"{run['size']:>9,} posts" for run in runs)
    lines = [
        "Growth, uncached pages: req/s and p99 ms by data size (last run of each size; "
        f"cost ratio = req/s at {smallest['size']:,} ÷ req/s at the size):",
        f"{'page':<22}{labels}   p99 at each size   cost ratio",
    ]
    base = {row["name"].split(",")[0]: row for row in smallest["rows"] if row["mode"] != "cached"}
    for key, first in base.items():
        found = [_find(run, key) for run in runs]
        if None in found:
            continue
        rates = "".join(f"{row['rps']:>15,.0f}" for row in found)
        p99s = " / ".join(f"{row['p99'] * 1000:.0f}" for row in found)
        ratios = " / ".join(f"{first['rps'] / max(row['rps'], 1e-9):.2f}" for row in found[1:])
        lines.append(f"{key:<22}{rates}   {p99s:<18} {ratios}")
    lines.append("Runs: " + ", ".join(f"{run['size']:,} on {run['when']}" for run in runs))
    return "\n".join(lines)


def _find(run, key):
    for row in run["rows"]:
        if row["mode"] != "cached" and row["name"].split(",")[0] == key:
            return row
    return None
