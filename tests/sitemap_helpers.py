"""Reading sitemaps in tests: fetch (streamed or not), parse, and validate with real judges.

The XSDs are the published sitemaps.org and Google News schemas kept in
``shared/validators/schemas/`` beside the repository (Google's carry "All Rights Reserved",
so they are referenced, not copied); tests that need them are skipped, saying why, on a
machine without that folder.
"""

import subprocess
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.test import Client

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

_REPO = Path(__file__).resolve().parent.parent
_SHARED_CANDIDATES = [_REPO.parent / "shared" / "validators", Path("/work/shared/validators")]
VALIDATORS_PYTHON = Path("/opt/validators/venv/bin/python")


def shared_validators() -> Path | None:
    return next((p for p in _SHARED_CANDIDATES if (p / "schemas" / "sitemap.xsd").exists()), None)


def fetch(client: Client, path: str) -> tuple[bytes, object]:
    """The body of ``path`` (consuming a streamed response) and the response."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body, response


def parse(body: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(body)  # noqa: S314 (our own output, not untrusted input)


def locs(body: bytes) -> list[str]:
    root = parse(body)
    return [el.text or "" for el in root.iter(f"{SM}loc")]


def entries(body: bytes) -> dict[str, ElementTree.Element]:
    """``<url>`` (or index ``<sitemap>``) elements by their ``<loc>``."""
    root = parse(body)
    found = root.findall(f"{SM}url") or root.findall(f"{SM}sitemap")
    return {el.findtext(f"{SM}loc") or "": el for el in found}


@cache
def _schema(kind: str):
    import xmlschema

    folder = shared_validators()
    if folder is None:
        pytest.skip("shared/validators/schemas (the sitemap XSDs) is not beside the repository")
    schemas = folder / "schemas"
    locations = [
        ("http://www.google.com/schemas/sitemap-news/0.9", str(schemas / "sitemap-news.xsd")),
        ("http://www.w3.org/1999/xhtml", str(schemas / "xhtml-link.xsd")),
    ]
    name = "sitemap.xsd" if kind == "urlset" else "siteindex.xsd"
    return xmlschema.XMLSchema(str(schemas / name), locations=locations)


def assert_valid(body: bytes) -> None:
    """Valid against sitemap.xsd (with the News and hreflang extensions) or siteindex.xsd."""
    if shared_validators() is None:
        pytest.skip("shared/validators/schemas (the sitemap XSDs) is not beside the repository")
    kind = "urlset" if parse(body).tag == f"{SM}urlset" else "sitemapindex"
    errors = [f"{e.path}: {e.reason}" for e in _schema(kind).iter_errors(body.decode())]
    assert not errors, errors[:5]


def run_check_sitemap(body: bytes, folder: Path) -> str:
    """Runs shared/validators/check-sitemap.py on ``body``; returns its summary line."""
    validators = shared_validators()
    if validators is None or not VALIDATORS_PYTHON.exists():
        pytest.skip("check-sitemap.py needs /opt/validators (bash shared/validators/setup.sh)")
    path = folder / f"sitemap-{abs(hash(body))}.xml"
    path.write_bytes(body)
    done = subprocess.run(
        [str(VALIDATORS_PYTHON), str(validators / "check-sitemap.py"), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip().splitlines()[-1]


def articles_path(story) -> str:
    """The article sitemap that lists ``story`` (ids are not reset between tests on PostgreSQL,
    so tests never assume bucket 0)."""
    from dateline.distribution.sitemaps import buckets

    return f"/sitemap-{story.edition.code}-articles-{story.pk // buckets.URLS_PER_SITEMAP}.xml"


@pytest.fixture
def one_article_sitemap(monkeypatch) -> None:
    """``/sitemap-<edition>-articles-0.xml`` holds every story, whatever ids the database
    hands out (PostgreSQL's sequences keep counting across the suite's tests)."""
    from dateline.distribution.sitemaps import buckets

    monkeypatch.setattr(buckets, "URLS_PER_SITEMAP", 10**12)
