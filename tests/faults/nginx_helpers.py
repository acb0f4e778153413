"""Debian's nginx running the shipped ``deploy/nginx/dateline.conf`` on a loopback port.

The shipped file is used as it is except for what cannot work in a test: TLS (no
certificate; plain HTTP on a free port instead), the redirect from port 80, and the paths
and ports of the box it is meant for. Each rewrite must match the shipped file exactly as
often as expected, so an edit to the recipe that this test no longer covers fails loudly
instead of being silently skipped.
"""

import os
import pwd
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "deploy" / "nginx" / "dateline.conf"
NGINX = "/usr/sbin/nginx"
REDIRECT_BLOCK = """server {
    listen 80;
    listen [::]:80;
    server_name news.example.org;
    return 301 https://$host$request_uri;
}
"""


def nginx_binary() -> str:
    """Debian's nginx, installed with apt when missing and possible; otherwise the test skips."""
    if os.access(NGINX, os.X_OK):
        return NGINX
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip("nginx is not installed and cannot be installed here (apt-get install nginx)")
    # RUNLEVEL=1 keeps the package's post-install script from starting a system nginx.
    env = {**os.environ, "RUNLEVEL": "1", "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "nginx"]):
        done = subprocess.run(command, env=env, capture_output=True, timeout=600, check=False)
        if done.returncode != 0:
            pytest.skip(f"nginx could not be installed: {done.stderr.decode()[-500:]}")
    return NGINX


def _replace(text: str, old: str, new: str, count: int = 1) -> str:
    found = text.count(old)
    assert found == count, f"deploy/nginx/dateline.conf: expected {old!r} {count}x, found {found}"
    return text.replace(old, new)


def render_recipe(*, listen_port: int, upstream_port: int, data_dir: Path, cache_dir: Path) -> str:
    """The shipped config with TLS, paths and ports rewritten for a loopback test."""
    text = SHIPPED.read_text()
    text = _replace(text, REDIRECT_BLOCK, "")
    text = _replace(text, "    listen 443 ssl;\n", f"    listen 127.0.0.1:{listen_port};\n")
    text = _replace(text, "    listen [::]:443 ssl;\n", "")
    text = _replace(text, "    http2 on;\n", "")
    for line in (
        "    ssl_certificate     /etc/letsencrypt/live/news.example.org/fullchain.pem;\n",
        "    ssl_certificate_key /etc/letsencrypt/live/news.example.org/privkey.pem;\n",
    ):
        text = _replace(text, line, "")
    text = _replace(text, "server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};")
    text = _replace(text, "/var/cache/nginx/dateline ", f"{cache_dir} ")
    text = _replace(text, "/srv/dateline/data/", f"{data_dir}/", count=2)
    return text


def main_config(folder: Path, site_config: Path) -> str:
    """A complete nginx.conf around the recipe: everything in ``folder``, in the foreground."""
    user = pwd.getpwuid(os.geteuid()).pw_name
    # As root, nginx would switch its workers to "nobody", who cannot enter pytest's
    # private temporary folders; the workers keep the test's own user instead.
    user_line = f"user {user};" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder}/{kind}_temp;"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
{user_line}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder}/access.log;
{temp}
    include {site_config};
}}
"""


@dataclass
class Nginx:
    process: subprocess.Popen[bytes]
    folder: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # nginx: SIGTERM is a fast shutdown
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()

    def error_log(self) -> str:
        path = self.folder / "error.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def start_nginx(folder: Path, *, listen_port: int, upstream_port: int, data_dir: Path) -> Nginx:
    """Starts nginx with the rendered recipe; returns once it accepts connections."""
    binary = nginx_binary()
    cache = folder / "cache"
    cache.mkdir(parents=True)
    site = folder / "dateline.conf"
    site.write_text(
        render_recipe(
            listen_port=listen_port, upstream_port=upstream_port, data_dir=data_dir, cache_dir=cache
        )
    )
    config = folder / "nginx.conf"
    config.write_text(main_config(folder, site))
    command = [binary, "-e", str(folder / "error.log"), "-p", str(folder), "-c", str(config)]
    tested = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert tested.returncode == 0, f"nginx -t refused the recipe:\n{tested.stderr}"
    process = subprocess.Popen(command, process_group=0)
    nginx = Nginx(process, folder)
    wait_for_port(listen_port, what="nginx", alive=process)
    return nginx


def wait_for_port(port: int, *, what: str, alive: subprocess.Popen[bytes], seconds: float = 60):
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert alive.poll() is None, f"{what} exited with {alive.returncode}"
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not listen on 127.0.0.1:{port} within {seconds} s")


def cached_keys(cache_dir: Path) -> list[str]:
    """The ``KEY:`` line of every response nginx stored (its cache files start with it)."""
    keys = []
    for path in cache_dir.rglob("*"):
        if path.is_file():
            head = path.read_bytes()[:4096]
            start = head.find(b"\nKEY: ")
            if start >= 0:
                keys.append(head[start + 6 : head.find(b"\n", start + 6)].decode())
    return keys
