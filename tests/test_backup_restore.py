"""`dateline backup` under load, and `dateline restore` into a fresh site, refusing what it should.

The backup is taken while another thread keeps publishing stories and counting views through
the real verbs (``publishing.publish`` via the factories, ``analytics.counting.count_view``).
It is restored by a `dateline restore` subprocess into a fresh data folder (and, when the suite
runs on PostgreSQL, into a database of its own, created and dropped here), whose integrity
checks must pass with every table's row count equal to the manifest. The snapshot must hold
every write committed before the backup began and none committed after it ended.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.db import connection

from dateline.analytics.counting import count_view
from tests import factories
from tests.threads import closing_connection, in_own_thread

ROOT = Path(__file__).resolve().parents[1]
WRITES_BEFORE_BACKUP = 15
WRITES_AFTER_BACKUP = 15
WAIT_SECONDS = 60


def _postgres_database(url: str, name: str, *, drop: bool) -> None:
    import psycopg

    admin_url = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop:
            conn.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture
def fresh_site(tmp_path) -> Iterator[dict[str, str]]:
    """The environment of a brand-new install: an empty data folder, and on PostgreSQL an
    empty database of its own (the suite's own database is never a restore target)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATELINE_REDIS_URL")}
    env.update(
        DATELINE_DATA_DIR=str(tmp_path / "fresh-data"), DJANGO_SETTINGS_MODULE="dateline.settings"
    )
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith(("postgres://", "postgresql://")):
        yield env
        return
    name = f"dateline_restore_{uuid.uuid4().hex[:12]}"
    _postgres_database(suite_url, name, drop=False)
    env["DATABASE_URL"] = urlunsplit(urlsplit(suite_url)._replace(path=f"/{name}"))
    try:
        yield env
    finally:
        _postgres_database(suite_url, name, drop=True)


def dateline(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dateline.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def site_state(env: dict[str, str]) -> dict[str, int]:
    """Stories and views as the restored site itself reads them, through Django."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, json\ndjango.setup()\n"
            "from django.db.models import Sum\n"
            "from dateline.news.models import Article\n"
            "from dateline.analytics.models import ArticleViews\n"
            "print(json.dumps({'rows': Article.objects.count(),\n"
            "  'stories': Article.objects.published().count(),\n"
            "  'views': ArticleViews.objects.aggregate(n=Sum('views'))['n'] or 0}))\n",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


class Newsroom(threading.Thread):
    """Publishes a story and counts a view of it, again and again, on its own connection.

    ``committed`` is (stories, views) after each completed round, so the test can say what
    was certainly in the database before the backup began and what came after it ended.
    """

    def __init__(self, section_id: int) -> None:
        super().__init__(daemon=True)
        self.section_id = section_id
        self.stop = threading.Event()
        self.rounds = 0
        self.committed = (0, 0)
        self.error: BaseException | None = None

    def run(self) -> None:
        closing_connection(self._work)

    def _work(self) -> None:
        from dateline.news.models import Section

        try:
            section = Section.objects.get(pk=self.section_id)
            stories = views = 0
            while not self.stop.is_set():
                story = factories.article(sec=section, headline=f"Breaking {self.rounds}")
                stories += 1
                views += count_view(story.pk, f"reader-{uuid.uuid4().hex}")
                self.rounds += 1
                self.committed = (stories, views)
        except BaseException as error:
            self.error = error

    def wait_for_rounds(self, rounds: int) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while self.rounds < rounds:
            assert self.error is None, self.error
            assert time.monotonic() < deadline, f"only {self.rounds} rounds in {WAIT_SECONDS} s"
            time.sleep(0.01)


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_the_newsroom_publishes_restores_into_a_fresh_site(
    database_like_production, settings, tmp_path, fresh_site
):
    settings.REDIS_URL = ""  # views go to the database, where the backup can see them
    section_id = in_own_thread(lambda: factories.section().pk)
    newsroom = Newsroom(section_id)
    newsroom.start()
    try:
        newsroom.wait_for_rounds(WRITES_BEFORE_BACKUP)
        before = newsroom.committed
        archive = tmp_path / "backups" / "site.tar.gz"
        archive.parent.mkdir()
        printed = io.StringIO()
        in_own_thread(lambda: call_command("backup", output=archive, stdout=printed))
        after = newsroom.committed
        newsroom.wait_for_rounds(newsroom.rounds + WRITES_AFTER_BACKUP)
    finally:
        newsroom.stop.set()
        newsroom.join(WAIT_SECONDS)
    assert newsroom.error is None, newsroom.error
    assert archive.stat().st_mode & 0o777 == 0o600
    assert printed.getvalue().startswith(f"Wrote {archive} (")

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["secret_key"]["included"] is True
    assert "auth.0001_initial" in manifest["database"]["migrations"]

    restored = dateline(fresh_site, "restore", str(archive))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "All checks passed." in restored.stdout
    assert f"row counts of all {len(manifest['database']['tables'])} tables equal" in (
        restored.stdout
    )

    state = site_state(fresh_site)
    # Django reads what the manifest counted (a story caught between its creation and its
    # publication is a draft in both).
    assert state["rows"] == manifest["database"]["tables"]["news_article"]
    # Every round committed before the backup began is in it; none after it ended.
    assert before[0] <= state["stories"] <= after[0]
    assert before[1] <= state["views"] <= after[1]
    assert newsroom.committed[0] > after[0], "the newsroom kept publishing after the backup"
    secret = Path(fresh_site["DATELINE_DATA_DIR"]) / "secret_key"
    assert secret.stat().st_mode & 0o777 == 0o600


@pytest.fixture
def backed_up_site(tmp_path, fresh_site) -> Iterator[tuple[Path, dict[str, str]]]:
    """A small site (its own data folder and database) and a backup of it."""
    source = {**fresh_site, "DATELINE_DATA_DIR": str(tmp_path / "source-data")}
    suite_url = os.environ.get("DATABASE_URL", "")
    source_db = f"dateline_source_{uuid.uuid4().hex[:12]}"
    if "DATABASE_URL" in fresh_site:
        # Same server, another database: the site backed up is not the one restored into.
        _postgres_database(suite_url, source_db, drop=False)
        source["DATABASE_URL"] = urlunsplit(urlsplit(suite_url)._replace(path=f"/{source_db}"))
    try:
        for args in (("migrate", "--noinput", "-v", "0"), ("demo", "--articles", "5")):
            done = dateline(source, *args)
            assert done.returncode == 0, done.stderr
        archive = tmp_path / "site.tar.gz"
        done = dateline(source, "backup", "--output", str(archive))
        assert done.returncode == 0, done.stderr
        assert f"Wrote {archive}" in done.stdout
    finally:
        if "DATABASE_URL" in source:
            _postgres_database(suite_url, source_db, drop=True)
    yield archive, fresh_site


def fingerprint(env: dict[str, str]) -> str:
    """A digest of what a restore could change: the database's rows, secret key and media."""
    data = Path(env["DATELINE_DATA_DIR"])
    digest = hashlib.sha256(json.dumps(site_state(env)).encode())
    if "DATABASE_URL" not in env:
        digest.update((data / "dateline.sqlite3").read_bytes())
    digest.update((data / "secret_key").read_bytes())
    for path in sorted((data / "media").rglob("*")):
        digest.update(str(path).encode())
    return digest.hexdigest()


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(backed_up_site):
    archive, site = backed_up_site
    assert dateline(site, "migrate", "--noinput", "-v", "0").returncode == 0
    assert dateline(site, "demo", "--articles", "2").returncode == 0
    before = fingerprint(site)

    refused = dateline(site, "restore", str(archive))
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "--force" in refused.stderr
    assert fingerprint(site) == before

    forced = dateline(site, "restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "All checks passed." in forced.stdout
    assert fingerprint(site) != before


@pytest.mark.parametrize("damage", ["flipped byte", "cut short", "not a backup"])
def test_a_damaged_archive_is_refused_and_the_site_is_left_as_it_was(
    backed_up_site, tmp_path, damage
):
    archive, site = backed_up_site
    assert dateline(site, "restore", str(archive)).returncode == 0
    before = fingerprint(site)
    data = bytearray(archive.read_bytes())
    damaged = tmp_path / "damaged.tar.gz"
    if damage == "flipped byte":
        data[len(data) // 2] ^= 0xFF
        damaged.write_bytes(bytes(data))
    elif damage == "cut short":
        damaged.write_bytes(bytes(data[: len(data) * 2 // 3]))
    else:
        with tarfile.open(damaged, "w:gz") as tar:
            tar.add(Path(site["DATELINE_DATA_DIR"]) / "secret_key", arcname="secret_key")

    refused = dateline(site, "restore", str(damaged), "--force")
    assert refused.returncode != 0
    assert "is damaged or not a Dateline backup" in refused.stderr
    assert "Nothing was changed." in refused.stderr
    assert fingerprint(site) == before
