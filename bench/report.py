"""Printing the bench's results, and keeping them to compare data sizes."""

import json
import time

from bench.servers import ROOT

RESULTS_DIR = ROOT / ".data" / "bench"


def _number(value, digits=0):
    return "-" if value is None else f"{value:,.{digits}f}"


def _rate(value):
    return _number(value, 0 if value >= 100 else 1)


def _ms(row, key):
    return _number(row[key] * 1000 if key in row else None, 1)


def table(rows, floor):
    """Rows of dicts (name, mode, rps, p50, p99, requests, tool; queries, cpu, sql,
    bytes when known) as text."""
    header = (
        f"{'page':<22}{'mode':<10}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
        f"{'req/s÷floor':>13}{'p99÷floor':>11}{'queries':>9}{'CPU ms':>8}{'SQL ms':>8}"
        f"{'KB':>7}{'requests':>10}{'by':>8}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row['name']:<22}{row['mode']:<10}{_rate(row['rps']):>8}"
            f"{row['p50'] * 1000:>8.1f}{row['p99'] * 1000:>8.1f}"
            f"{row['rps'] / floor['rps']:>13.3f}{row['p99'] / floor['p99']:>11.1f}"
            f"{_number(row.get('queries')):>9}"
            f"{_ms(row, 'cpu'):>8}{_ms(row, 'sql'):>8}"
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
    """The uncached pages at every size measured, the last run of each side by side.

    Two costs per page: requests/s under load (what readers get, noisy on a
    shared machine) and the time one request takes in-process, the Django
    process's CPU plus the wait for SQL (steady). Each is also given as a
    ratio of the largest size to the smallest.
    """
    runs = sorted(
        (json.loads(path.read_text()) for path in RESULTS_DIR.glob("size-*.json")),
        key=lambda run: run["size"],
    )
    if len(runs) < 2:
        return None
    sizes = "/".join(f"{run['size']:,}" for run in runs)
    lines = [
        f"Growth of the uncached pages with the data, at {sizes} posts (last run of each "
        "size; ×: cost at the largest size relative to the smallest):",
        f"{'page':<22}{'req/s':>18}{'×':>7}{'p99 ms':>18}{'CPU ms':>18}{'SQL ms':>16}{'×':>7}",
    ]
    for key in [_key(row) for row in runs[0]["rows"] if row["mode"] != "cached"]:
        found = [_find(run, key) for run in runs]
        if None in found:
            continue
        first, last = found[0], found[-1]
        in_process = [row["cpu"] + row["sql"] if "sql" in row else None for row in found]
        process_ratio = None if None in in_process else in_process[-1] / in_process[0]
        lines.append(
            f"{key:<22}{' / '.join(_rate(row['rps']) for row in found):>18}"
            f"{first['rps'] / max(last['rps'], 1e-9):>7.2f}"
            f"{' / '.join(_number(row['p99'] * 1000) for row in found):>18}"
            f"{' / '.join(_ms(row, 'cpu') for row in found):>18}"
            f"{' / '.join(_ms(row, 'sql') for row in found):>16}"
            f"{_number(process_ratio, 2):>7}"
        )
    lines.append("Runs: " + ", ".join(f"{run['size']:,} on {run['when']}" for run in runs))
    return "\n".join(lines)


def _key(row):
    """A row's page without what depends on the size ("post, 15 comments")."""
    return row["name"].split(",")[0]


def _find(run, key):
    for row in run["rows"]:
        if row["mode"] != "cached" and _key(row) == key:
            return row
    return None
