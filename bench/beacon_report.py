"""Turns bench/beacon.sh's wrk outputs into a table with each row's ratio to the article page.

Usage: ``python bench/beacon_report.py ROWS.tsv``, rows as for ``wrk_report.py``
(``label<TAB>server<TAB>wrk output<TAB>server CPU seconds``). The first row is the
reference (the article page); the issue asks for a beacon at least as fast (ratio ≥ 1).
"""

import sys
from pathlib import Path

from wrk_report import parse_wrk


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    rows = []
    for line in Path(argv[1]).read_text().splitlines():
        label, server, path, cpu_seconds = line.split("\t")
        measured = parse_wrk(Path(path).read_text())
        measured.cpu_seconds = float(cpu_seconds)
        rows.append((label, server, measured))
    reference = rows[0][2].requests_per_second or 1.0
    print("| request | server | req/s | p99 ms | CPU ms/req | errors | vs article |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, server, m in rows:
        cpu = m.cpu_ms_per_request
        print(
            f"| {label} | {server} | {m.requests_per_second:.1f} | {m.p99_ms:.1f} | "
            f"{'n/a' if cpu is None else f'{cpu:.3f}'} | {m.errors} | "
            f"{m.requests_per_second / reference:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
