"""A PostgreSQL cluster of its own, on a free port in a temporary folder: for the outage test
(tests/faults/test_database_down.py) and benchmark (bench/outage.py), which stop and freeze it,
never the machine's shared server. As root it runs as the ``postgres`` user.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    """A PostgreSQL cluster of the caller's own."""

    bin: Path
    folder: Path
    port: int = field(default_factory=free_port)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        # PostgreSQL refuses to run as root: as root, run it as the postgres user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(
            [*prefix, *args], check=check, capture_output=True, text=True, timeout=60
        )

    def create(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/dateline"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.folder / "server.log"), "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop",
                  check=False)  # fmt: skip

    def processes(self) -> list[int]:
        """The postmaster and every process it started."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = [
            int(pid)
            for pid in os.listdir("/proc")
            if pid.isdigit() and _parent_of(int(pid)) == postmaster
        ]
        return [postmaster, *children]

    def signal(self, number: int) -> None:
        for pid in self.processes():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, number)


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])
