"""Editors work through readers' error reports: a queue per article, accept or reject with
their name and the time recorded, and nobody outside the newsroom sees the queue."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from dateline.news.models import ReaderReport, ReportStatus
from tests import factories

pytestmark = pytest.mark.django_db

QUEUE = "/newsroom/news/readerreport/"
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor_client() -> Client:
    client = Client()
    client.force_login(factories.editor())
    return client


def report(story, text: str = "12 billion", **fields) -> ReaderReport:
    return ReaderReport.objects.create(article=story, quoted_text=text, ip_hash="x", **fields)


def test_an_editor_sees_the_queue_without_any_extra_grant(editor_client):
    story = factories.article(headline="Budget passes")
    report(story, "twelve billion")

    response = editor_client.get(QUEUE)

    assert response.status_code == 200
    assert "twelve billion" in response.text
    assert "Budget passes" in response.text


def test_the_queue_filters_by_status_and_edition_and_searches_quoted_text(editor_client):
    english = factories.article()
    azeri = factories.article(sec=factories.section(factories.edition("az"), name="Siyasət"))
    report(english, "english new")
    report(english, "english accepted", status=ReportStatus.ACCEPTED)
    report(azeri, "azeri new")

    new = editor_client.get(QUEUE, {"status__exact": "new"}).text
    assert "english new" in new and "azeri new" in new and "english accepted" not in new

    edition = editor_client.get(QUEUE, {"article__edition__id__exact": azeri.edition_id}).text
    assert "azeri new" in edition and "english new" not in edition

    found = editor_client.get(QUEUE, {"q": "accepted"}).text
    assert "english accepted" in found and "english new" not in found


def test_each_article_has_its_own_queue(editor_client):
    first, second = factories.article(headline="First story"), factories.article()
    report(first, "about the first")
    report(second, "about the second")

    response = editor_client.get(QUEUE, {"article": first.pk})

    assert "about the first" in response.text
    assert "about the second" not in response.text
    assert "First story" in response.text


def test_accepting_records_who_and_when(editor_client, monkeypatch):
    clock = factories.Clock(monkeypatch, datetime(2014, 3, 5, 6, 0, tzinfo=UTC))
    story = factories.article()
    chosen, other = report(story), report(story, "leave me")

    response = editor_client.post(
        QUEUE, {"action": "accept_selected", "_selected_action": [chosen.pk]}, follow=True
    )

    assert "Accepted 1 report." in response.text
    chosen.refresh_from_db()
    assert chosen.status == ReportStatus.ACCEPTED
    assert chosen.handled_by.username == "editor"
    assert chosen.handled_at == clock.now
    other.refresh_from_db()
    assert other.status == ReportStatus.NEW and other.handled_by is None


def test_rejecting_several_at_once(editor_client):
    story = factories.article()
    reports = [report(story, f"spam {n}") for n in range(3)]

    editor_client.post(
        QUEUE,
        {"action": "reject_selected", "_selected_action": [r.pk for r in reports]},
    )

    assert set(ReaderReport.objects.values_list("status", flat=True)) == {ReportStatus.REJECTED}


def test_changing_the_status_on_the_report_screen_records_the_editor(editor_client):
    story = factories.article()
    chosen = report(story)

    response = editor_client.post(f"{QUEUE}{chosen.pk}/change/", {"status": "rejected"})

    assert response.status_code == 302
    chosen.refresh_from_db()
    assert chosen.status == ReportStatus.REJECTED
    assert chosen.handled_by is not None and chosen.handled_at is not None

    editor_client.post(f"{QUEUE}{chosen.pk}/change/", {"status": "new"})
    chosen.refresh_from_db()
    assert chosen.handled_by is None and chosen.handled_at is None


def test_the_reader_text_cannot_be_edited_in_the_newsroom(editor_client):
    chosen = report(factories.article(), "what the reader wrote")

    editor_client.post(f"{QUEUE}{chosen.pk}/change/", {"status": "new", "quoted_text": "rewritten"})

    chosen.refresh_from_db()
    assert chosen.quoted_text == "what the reader wrote"


def test_reports_are_not_added_by_hand(editor_client):
    assert editor_client.get(f"{QUEUE}add/").status_code == 403


def test_the_article_screen_counts_its_reports_and_links_the_queue(editor_client):
    story = factories.article()
    report(story, "first new one")
    report(story, "second new one")
    report(story, "done", status=ReportStatus.ACCEPTED)

    page = editor_client.get(f"/newsroom/news/article/{story.pk}/change/").text

    assert "3 error reports" in page
    assert f"{QUEUE}?article={story.pk}&amp;status__exact=new" in page
    assert "2 new" in page and "1 accepted" in page
    assert "first new one" in page and "second new one" in page
    assert "done" not in page.split("error reports:")[1].split("</ul>")[0]


def test_an_article_without_reports_says_so(editor_client):
    story = factories.article()
    page = editor_client.get(f"/newsroom/news/article/{story.pk}/change/").text
    assert "No error reports from readers." in page


@pytest.mark.parametrize("who", ["anonymous", "reader account", "staff without rights"])
def test_only_the_newsroom_sees_reports(who):
    chosen = report(factories.article(), "private to the newsroom")
    client = Client()
    if who != "anonymous":
        user = get_user_model().objects.create_user(
            "someone", password=PASSWORD, is_staff=who == "staff without rights"
        )
        client.force_login(user)

    listing = client.get(QUEUE)
    client.post(QUEUE, {"action": "accept_selected", "_selected_action": [chosen.pk]})

    assert listing.status_code in (302, 403)
    assert "private to the newsroom" not in listing.text
    chosen.refresh_from_db()
    assert chosen.status == ReportStatus.NEW


def test_a_superuser_may_delete_reports_but_an_editor_may_not(editor_client):
    chosen = report(factories.article())
    assert editor_client.get(f"{QUEUE}{chosen.pk}/delete/").status_code == 403

    admin = Client()
    admin.force_login(factories.administrator())
    assert admin.get(f"{QUEUE}{chosen.pk}/delete/").status_code == 200
