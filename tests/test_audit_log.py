"""Every publishing action lands in the audit log — who, what, when, from where — in the same
transaction as the change itself, whether it came from a button, an action on the list or the
scheduler."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from dateline.editorial.models import AuditEntry
from dateline.news import publishing
from dateline.news.models import Article, Status
from tests import factories
from tests.newsroom_forms import ADD_URL, change_url, filled, new_story

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def sec():
    return factories.section(factories.edition("en"))


def signed_in(user, address: str = "203.0.113.7") -> Client:
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    return client


def test_writing_and_publishing_from_the_newsroom_records_who_what_when_and_where(sec, clock):
    reporter = signed_in(factories.reporter(), "198.51.100.20")
    editor = signed_in(factories.editor(), "203.0.113.7")

    reporter.post(ADD_URL, new_story(reporter, sec, _submit="1"))
    story = Article.objects.get()
    clock.advance(minutes=30)
    editor.post(change_url(story), filled(editor, change_url(story), _publish="1"))

    entries = list(AuditEntry.objects.filter(article=story).order_by("at", "pk"))
    assert [(e.action, e.username, e.ip) for e in entries] == [
        ("created", "reporter", "198.51.100.20"),
        ("submitted", "reporter", "198.51.100.20"),
        ("published", "editor", "203.0.113.7"),
    ]
    assert entries[0].at <= entries[1].at <= entries[2].at
    assert entries[2].article_headline == "Parliament passes the budget"
    assert entries[2].detail["previous"] == Status.IN_REVIEW


def test_editing_a_live_story_is_logged_as_an_update_naming_the_fields(sec):
    editor = signed_in(factories.editor())
    story = factories.article(sec=sec, headline="Old headline")

    editor.post(
        change_url(story), filled(editor, change_url(story), headline="New headline", _save="1")
    )

    entry = AuditEntry.objects.get(action="updated")
    assert entry.username == "editor"
    assert entry.detail["fields"] == ["headline"]


def test_a_story_the_scheduler_publishes_is_logged_as_the_systems_doing(sec, clock):
    story = factories.draft(sec=sec)
    publishing.schedule(story, at=NOW + timedelta(hours=1), user=factories.editor())

    clock.advance(hours=2)
    Client().get("/en/")  # no worker: the first request publishes it

    entry = AuditEntry.objects.get(action="published")
    assert entry.user is None and entry.username == ""
    assert entry.ip is None
    assert entry.detail["scheduled"] is True
    assert str(entry) == f"system published “{story.headline}”"


def test_actions_on_the_list_are_logged_story_by_story(sec):
    chief = signed_in(factories.chief_editor())
    stories = [factories.article(sec=sec) for _ in range(2)]

    chief.post(
        "/newsroom/news/article/",
        {"action": "unpublish_selected", "_selected_action": [s.pk for s in stories]},
    )

    logged = AuditEntry.objects.filter(action="unpublished", username="chief")
    assert sorted(logged.values_list("article_id", flat=True)) == sorted(s.pk for s in stories)


def test_a_refused_action_leaves_no_entry(sec):
    story = factories.draft(sec=sec, embargo_until=NOW + timedelta(hours=1))

    with pytest.raises(publishing.PublishingError):
        publishing.publish(story)

    assert not AuditEntry.objects.filter(action="published").exists()


def test_the_change_and_its_entry_are_one_transaction(sec, monkeypatch):
    story = factories.draft(sec=sec)

    def broken_log(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(publishing, "record", broken_log)
    with pytest.raises(RuntimeError):
        publishing.publish(story)

    assert Article.objects.get(pk=story.pk).status == Status.DRAFT


def test_only_chief_editors_may_read_the_audit_log():
    assert factories.chief_editor().has_perm("editorial.view_auditentry")
    for persona in (factories.editor(), factories.reporter(), factories.newsroom_administrator()):
        assert not persona.has_perm("editorial.view_auditentry"), persona.username
