"""Prints the CPU seconds (user + system) used so far by every process in a process group.

``python bench/cpu_seconds.py PGID`` → ``12.34``. bench/pages.sh reads it before and after
each measurement: CPU time per request is a steadier figure than requests per second on a
machine where other work competes for the cores. Linux only (reads /proc).
"""

import os
import sys
from pathlib import Path


def group_cpu_seconds(pgid: int) -> float:
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        # Fields after the parenthesised command name, which may itself contain spaces.
        fields = stat.rsplit(")", 1)[1].split()
        process_group, user, system = int(fields[2]), int(fields[11]), int(fields[12])
        if process_group == pgid:
            ticks += user + system
    return ticks / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    print(f"{group_cpu_seconds(int(sys.argv[1])):.2f}")
