"""The daily digest is composed once per edition and day, at the edition's local time."""

from datetime import UTC, date, datetime

import pytest

from dateline.distribution.newsletters.composing import compose_digest, next_digest_moment
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_digest_time_is_on_the_editions_clock(settings):
    settings.DATELINE_DIGEST_TIME = "07:00"
    baku = factories.edition("en", time_zone="Asia/Baku")
    moment = next_digest_moment(baku, now=datetime(2014, 3, 5, 1, 0, tzinfo=UTC))
    assert moment.astimezone(UTC) == datetime(2014, 3, 5, 3, 0, tzinfo=UTC)  # 05:00 → 07:00 Baku


def test_one_digest_per_edition_and_day_with_no_drafts(monkeypatch):
    sec = factories.section(factories.edition("en"))
    story = factories.article(sec=sec, headline="Budget passes")
    factories.draft(sec=sec, headline="SECRET DRAFT")
    local_day = story.published_at.astimezone(sec.edition.zone).date()
    day = date.fromordinal(local_day.toordinal() + 1)
    issue = compose_digest(sec.edition, day, base_url="https://news.example")
    assert issue is not None
    assert "Budget passes" in issue.body_text and "Budget passes" in issue.body_html
    assert "SECRET DRAFT" not in issue.body_text + issue.body_html
    assert "%%UNSUBSCRIBE_URL%%" in issue.body_html
    assert compose_digest(sec.edition, day, base_url="https://news.example") is None
