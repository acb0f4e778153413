"""Turns bench/speed.sh's wrk outputs into one table of ratios to nginx.

Usage: ``python bench/speed_report.py ROWS.tsv``, each line
``page<TAB>server<TAB>wrk --latency output<TAB>server CPU seconds<TAB>ref`` where ``ref``
marks the page's reference row (nginx serving the same bytes as a static file; for the
beacon, nginx answering ``return 204``). Every row's ratio is its req/s over the reference
row of the same page, measured minutes apart in the same run.

Example output::

    | page    | server             |   req/s | p99 ms | CPU ms/req | errors | vs nginx |
    |---------|--------------------|--------:|-------:|-----------:|-------:|---------:|
    | article | nginx, static file | 41250.3 |    6.1 |      0.021 |      0 |    1.000 |
    | article | dateline serve     | 33001.0 |    9.8 |      0.052 |      0 |    0.800 |

CPU ms/req is the CPU time of the server's processes (nginx and Dateline for the recipe)
divided by the requests wrk completed: steadier than req/s on a shared machine.
"""

import sys
from pathlib import Path

from wrk_report import Measurement, parse_wrk

HEADER = ("page", "server", "req/s", "p99 ms", "CPU ms/req", "errors", "vs nginx")
NUMERIC = {2, 3, 4, 5, 6}


def read_rows(tsv: Path) -> list[tuple[str, str, Measurement, bool]]:
    rows = []
    for line in tsv.read_text().splitlines():
        if not line.strip():
            continue
        page, server, output, cpu_seconds, ref = [*line.split("\t"), ""][:5]
        measured = parse_wrk(Path(output).read_text())
        measured.cpu_seconds = float(cpu_seconds)
        rows.append((page, server, measured, ref == "ref"))
    return rows


def cells(rows: list[tuple[str, str, Measurement, bool]]) -> list[tuple[str, ...]]:
    references = {page: m.requests_per_second for page, _, m, ref in rows if ref}
    lines = []
    for page, server, measured, _ in rows:
        reference = references.get(page)
        ratio = f"{measured.requests_per_second / reference:.3f}" if reference else "n/a"
        cpu = measured.cpu_ms_per_request
        lines.append(
            (
                page,
                server,
                f"{measured.requests_per_second:.1f}",
                f"{measured.p99_ms:.1f}",
                "n/a" if cpu is None else f"{cpu:.3f}",
                str(measured.errors),
                ratio,
            )
        )
    return lines


def render(lines: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in [HEADER, *lines]) for i in range(len(HEADER))]

    def fmt(row: tuple[str, ...]) -> str:
        padded = [
            cell.rjust(widths[i]) if i in NUMERIC else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "|".join(
        ("-" * (w + 1) + ":") if i in NUMERIC else "-" * (w + 2) for i, w in enumerate(widths)
    )
    return "\n".join([fmt(HEADER), f"|{rule}|", *(fmt(row) for row in lines)])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(render(cells(read_rows(Path(argv[1])))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
