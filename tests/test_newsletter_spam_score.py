"""Newsletters read as mail people asked for: SpamAssassin scores them below 2.0.

Runs the shared validator (``../shared/validators/spamscore.sh``: SpamAssassin with local
rules only) on a real digest and a real breaking alert as a subscriber would receive them.
"""

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from dateline.distribution.newsletters.composing import compose_alert, compose_digest
from dateline.distribution.newsletters.sending import build_message
from dateline.distribution.newsletters.wire import EncodedIssue
from tests import factories
from tests.newsletter_helpers import confirmed_subscribers

VALIDATORS = next(
    (
        path
        for path in (
            Path(__file__).resolve().parents[2] / "shared" / "validators",
            Path("/work/shared/validators"),
        )
        if (path / "spamscore.sh").exists()
    ),
    None,
)
BASE_URL = "https://news.example.org"
MAX_SCORE = "2.0"

pytestmark = [
    pytest.mark.validators,
    pytest.mark.django_db,
    pytest.mark.skipif(
        VALIDATORS is None or shutil.which("spamassassin") is None,
        reason="SpamAssassin and ../shared/validators are needed (bash shared/validators/setup.sh)",
    ),
]


def spam_score(raw: bytes, tmp_path: Path) -> subprocess.CompletedProcess:
    eml = tmp_path / "message.eml"
    eml.write_bytes(raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    return subprocess.run(
        ["bash", str(VALIDATORS / "spamscore.sh"), str(eml)],
        env={"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "MAX_SCORE": MAX_SCORE},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_daily_digest_scores_below_two(tmp_path, settings):
    settings.DEFAULT_FROM_EMAIL = "Dateline Daily <newsletter@news.example.org>"
    settings.DATELINE_CONTACT_EMAIL = "desk@news.example.org"
    edition = factories.edition("en")
    section = factories.section(edition)
    now = timezone.now()
    for n in range(5):
        factories.article(
            sec=section,
            headline=f"Council approves plan for new river bridge, phase {n + 1}",
            at=now - timedelta(hours=n + 2),
            is_top_story=n == 0,
        )
    [subscriber] = confirmed_subscribers(1, edition)
    # The digest is sent a minute from now, so its day holds the five stories at any hour.
    sent_at = (now + timedelta(minutes=1)).astimezone(edition.zone)
    settings.DATELINE_DIGEST_TIME = sent_at.strftime("%H:%M")
    issue = compose_digest(edition, sent_at.date(), base_url=BASE_URL)
    assert issue is not None

    # Both ways a subscriber's copy is built: the bytes sent over SMTP, and the email package's
    # message used for other backends and non-ASCII addresses.
    sent = EncodedIssue(issue, base_url=BASE_URL).render(subscriber)
    assert sent is not None
    for raw in (sent, build_message(issue, subscriber, BASE_URL).message().as_bytes()):
        result = spam_score(raw, tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_breaking_alert_scores_below_two(tmp_path, settings):
    settings.DEFAULT_FROM_EMAIL = "Dateline Daily <newsletter@news.example.org>"
    edition = factories.edition("en")
    story = factories.article(
        sec=factories.section(edition),
        headline="Parliament passes the budget after a night-long session",
        is_breaking=True,
    )
    [subscriber] = confirmed_subscribers(1, edition)
    issue = compose_alert(story, base_url=BASE_URL)
    sent = EncodedIssue(issue, base_url=BASE_URL).render(subscriber)
    assert sent is not None

    for raw in (sent, build_message(issue, subscriber, BASE_URL).message().as_bytes()):
        result = spam_score(raw, tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
