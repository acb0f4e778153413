"""Each feed format passes the shared feed validator (../shared/validators/check-feed.py).

The validator runs in its own interpreter, installed by the validators' setup.sh; without it
these tests are skipped, saying so.
"""

import subprocess
from pathlib import Path

import pytest
from django.test import Client

from tests import factories

VALIDATOR_PYTHON = Path("/opt/validators/venv/bin/python")
CHECK_FEED = Path("/work/shared/validators/check-feed.py")

pytestmark = [
    pytest.mark.validators,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (VALIDATOR_PYTHON.exists() and CHECK_FEED.exists()),
        reason="feed validator not installed: run shared/validators/setup.sh",
    ),
]


@pytest.fixture
def newsroom(settings):
    settings.DATELINE_PUBLIC_URL = "https://news.example.org"
    settings.DATELINE_WEBSUB_HUB = "https://hub.example.org/"
    en = factories.edition("en")
    politics = factories.section(en, name="Politics")
    writers = [factories.author("Leyla Mammadova"), factories.author("Rashad Aliyev")]
    for n in range(3):
        story = factories.article(
            sec=politics,
            headline=f"Budget & taxes <debate> part {n}",
            lead="Lead with “quotes” & an ampersand.",
            authors=writers,
        )
        story.tags.add(factories.tag("Elections"))
    return {"writer": writers[0]}


def validate(tmp_path: Path, url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    document = tmp_path / url.strip("/").replace("/", "_")
    document.write_bytes(response.content)
    result = subprocess.run(
        [str(VALIDATOR_PYTHON), str(CHECK_FEED), str(document)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "feed.json"])
def test_edition_feeds_pass_the_feed_validator_without_warnings(tmp_path, newsroom, name):
    output = validate(tmp_path, f"/en/feeds/{name}")
    assert "check-feed OK" in output
    assert "WARN" not in output, output


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "feed.json"])
def test_listing_feeds_pass_the_feed_validator(tmp_path, newsroom, name, settings):
    settings.DATELINE_FEED_FULL_TEXT = True
    for base in (
        "/feeds/",
        "/en/politics/feeds/",
        f"/en/author/{newsroom['writer'].slug}/feeds/",
        "/en/tag/elections/feeds/",
    ):
        assert "check-feed OK" in validate(tmp_path, f"{base}{name}")


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "feed.json"])
def test_an_empty_feed_passes_the_feed_validator(tmp_path, settings, name):
    factories.edition("en")
    assert "check-feed OK" in validate(tmp_path, f"/en/feeds/{name}")
