"""Turns saved wrk outputs into the table bench/pages.sh prints.

Usage: ``python bench/wrk_report.py ROWS.tsv`` where each line of ROWS.tsv is
``label<TAB>server<TAB>path to wrk --latency output<TAB>server CPU seconds used``. The
first row whose server is ``nginx`` is the reference: every row's ratio is its req/s over
nginx's. A row whose output file is missing (a server that could not run) is shown as
skipped.

Example output::

    | page                  | server  |   req/s | p99 ms | CPU ms/req | errors | vs nginx |
    |-----------------------|---------|--------:|-------:|-----------:|-------:|---------:|
    | article (static HTML) | nginx   | 25012.3 |   10.4 |      0.031 |      0 |    1.000 |
    | article               | granian |    88.0 |  503.3 |     21.400 |      0 |    0.004 |

CPU ms/req is the server's own CPU time (all its processes) divided by the requests wrk
completed: steadier than req/s when other work competes for the machine.
"""

import re
import sys
from dataclasses import dataclass
from pathlib import Path

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class Measurement:
    requests_per_second: float
    p99_ms: float
    errors: int
    requests: int
    cpu_seconds: float = 0.0

    @property
    def cpu_ms_per_request(self) -> float | None:
        return self.cpu_seconds * 1000 / self.requests if self.requests else None


def _duration_ms(text: str) -> float:
    """``"503.33ms"`` → 503.33, ``"1.47s"`` → 1470.0, ``"812.00us"`` → 0.812."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> Measurement:
    """Reads req/s, the 99th percentile and error counts from ``wrk --latency`` output.

    Errors are non-2xx/3xx answers plus socket errors (connect, read, write, timeout).
    """
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    completed = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if not rate or not p99:
        raise ValueError("wrk output has no Requests/sec or 99% line (was --latency given?)")
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    sockets = re.search(r"Socket errors:(.*)", output)
    if sockets:
        errors += sum(int(n) for n in re.findall(r"\d+", sockets.group(1)))
    return Measurement(
        float(rate.group(1)),
        _duration_ms(p99.group(1)),
        errors,
        int(completed.group(1)) if completed else 0,
    )


def render(rows: list[tuple[str, str, Measurement | None]]) -> str:
    reference = next((m for _, server, m in rows if server == "nginx" and m), None)
    header = ("page", "server", "req/s", "p99 ms", "CPU ms/req", "errors", "vs nginx")
    lines = []
    for label, server, measured in rows:
        if measured is None:
            lines.append((label, server, "skipped", "", "", "", ""))
            continue
        ratio = (
            f"{measured.requests_per_second / reference.requests_per_second:.3f}"
            if reference and reference.requests_per_second
            else "n/a"
        )
        cpu = measured.cpu_ms_per_request
        lines.append(
            (
                label,
                server,
                f"{measured.requests_per_second:.1f}",
                f"{measured.p99_ms:.1f}",
                "n/a" if cpu is None else f"{cpu:.3f}",
                str(measured.errors),
                ratio,
            )
        )
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    numeric = {2, 3, 4, 5, 6}

    def fmt(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join(
        ("-" * (w + 1) + ":") if i in numeric else "-" * (w + 2) for i, w in enumerate(widths)
    )
    return "\n".join([fmt(header), rule + "|", *(fmt(row) for row in lines)])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    rows: list[tuple[str, str, Measurement | None]] = []
    for line in Path(argv[1]).read_text().splitlines():
        if not line.strip():
            continue
        label, server, path, cpu_seconds = line.split("\t")
        output = Path(path)
        measured = parse_wrk(output.read_text()) if output.exists() else None
        if measured:
            measured.cpu_seconds = float(cpu_seconds)
        rows.append((label, server, measured))
    print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
