"""Writes an nginx.conf that runs the shipped recipe (deploy/nginx/dateline.conf) on loopback.

    .venv/bin/python bench/nginx_recipe.py FOLDER --listen PORT --upstream PORT --data-dir DIR

The shipped file is used as it is except for what cannot work on a bench: TLS (no
certificate: plain HTTP on ``--listen`` instead), the redirect from port 80, and the paths and
ports of the box it is meant for. Every rewrite must match the shipped file exactly as often
as expected, so an edit to the recipe that this no longer covers stops the benchmark instead
of measuring something else. Writes FOLDER/dateline.conf (the recipe) and FOLDER/nginx.conf
(a main file around it: one worker per CPU, everything inside FOLDER, in the foreground).
"""

import argparse
import os
import pwd
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The same rewrites as the nginx test's (tests/faults/nginx_helpers.py): one place to change.
from tests.faults.nginx_helpers import render_recipe  # noqa: E402


def main_config(folder: Path, recipe: Path) -> str:
    # As root, nginx would run its workers as nobody, who cannot write our cache folder.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder}/temp/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
{user}
worker_processes {os.cpu_count() or 1};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
    include {recipe};
}}
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--listen", type=int, required=True)
    parser.add_argument("--upstream", type=int, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    (folder / "temp").mkdir(parents=True, exist_ok=True)
    (folder / "cache").mkdir(exist_ok=True)
    recipe = folder / "dateline.conf"
    recipe.write_text(
        render_recipe(
            listen_port=args.listen,
            upstream_port=args.upstream,
            data_dir=args.data_dir.resolve(),
            cache_dir=folder / "cache",
        )
    )
    (folder / "nginx.conf").write_text(main_config(folder, recipe))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
