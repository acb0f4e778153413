"""The floor under `dateline serve`'s hot path: a bare WSGI callable answering stored bytes.

    BARE_DIR=folder granian --interface wsgi bench.bare_wsgi:app

For ``GET /<name>`` it answers the bytes of ``folder/<name>`` with the header lines saved
beside it in ``folder/<name>.headers`` (``curl -D``), as a cache hit does, and nothing else:
no cache lookup, no freshness or 304 check, no policy. Run by bench/speed.sh under granian in
the shape of `dateline serve`, its req/s is what granian and Python cost per request on this
machine; the hot path's distance from it is what Dateline's own code costs.
"""

import os
from pathlib import Path

SKIPPED = ("content-length", "date", "server", "age", "x-cache")


def _load(folder: Path) -> dict[str, tuple[list[tuple[str, str]], bytes]]:
    pages = {}
    for headers_file in folder.glob("*.headers"):
        body = headers_file.with_suffix("").read_bytes()
        headers = [
            (name.strip(), value.strip())
            for name, _, value in (
                line.partition(":") for line in headers_file.read_text().splitlines()[1:]
            )
            if value and name.strip().lower() not in SKIPPED
        ]
        headers.append(("Content-Length", str(len(body))))
        pages["/" + headers_file.with_suffix("").name] = (headers, body)
    return pages


_PAGES = _load(Path(os.environ["BARE_DIR"]))


def app(environ: dict, start_response) -> list[bytes]:
    page = _PAGES.get(environ["PATH_INFO"])
    if page is None:
        start_response("404 Not Found", [("Content-Length", "0")])
        return []
    start_response("200 OK", page[0])
    return [page[1]]
