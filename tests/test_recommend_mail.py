"""The friend receives one fixed-template message from a real SMTP server's point of view:
one recipient, the fixed subject, text and HTML bodies, the article's canonical link, the
stop link — sent by the worker, never in the request, retried while SMTP is down."""

import re

import pytest
from django.conf import settings as django_settings

from dateline.distribution.models import MailStatus, OutgoingMail
from tests import factories
from tests.recommend_helpers import (  # noqa: F401 (fixtures)
    fresh_page_tokens_fixture,
    recommend,
    smtp_server_fixture,
)
from tests.smtp import pending_tasks, run_worker, time_passes_for_the_retry

pytestmark = [pytest.mark.smtp, pytest.mark.django_db(transaction=True)]

SUBJECT = "A story recommended to you on Dateline Daily"


@pytest.fixture
def story(db, settings):
    settings.DATELINE_SITE_NAME = "Dateline Daily"
    return factories.article(headline="Parliament passes the budget", slug="budget")


def links(text: str) -> set[str]:
    return set(re.findall(r"https?://[^\s\"'<>]+", text))


def test_the_friend_receives_one_message_with_the_article_and_the_stop_link(
    client, story, smtp_server
):
    response = recommend(client, story, note="Thought of you when I read this.\nAnn")
    assert response.status_code == 303
    assert smtp_server.sink.envelopes == []  # nothing is sent inside the request

    run_worker()

    [envelope] = smtp_server.sink.envelopes
    assert envelope.rcpt_tos == ["bo@example.net"]
    [message] = smtp_server.sink.messages()
    assert message["Subject"] == SUBJECT
    assert message["To"] == "bo@example.net"
    assert message["From"] == django_settings.DEFAULT_FROM_EMAIL
    assert message["Cc"] is None and message["Bcc"] is None and message["Reply-To"] is None
    parts = {
        p.get_content_type(): p.get_content().replace("\r\n", "\n") for p in message.iter_parts()
    }
    assert set(parts) == {"text/plain", "text/html"}

    article_url = f"http://testserver{story.get_absolute_url()}"
    [stop_url] = links(parts["text/plain"]) - {article_url}
    assert stop_url.startswith("http://testserver/recommendations/stop/")
    assert message["List-Unsubscribe"] == f"<{stop_url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for body in parts.values():
        assert links(body) == {article_url, stop_url}
        assert "Parliament passes the budget" in body
        assert "Ann Reader" in body and "ann@example.org" in body
        assert "Bo Friend" in body
    assert "> Thought of you when I read this.\n> Ann" in parts["text/plain"]
    assert "Thought of you when I read this.<br>Ann" in parts["text/html"]


def test_the_links_use_the_public_url_when_it_is_set(client, story, smtp_server, settings):
    settings.DATELINE_PUBLIC_URL = "https://news.example.org"
    recommend(client, story)
    run_worker()
    [message] = smtp_server.sink.messages()
    text = message.get_body(("plain",)).get_content()
    assert f"https://news.example.org{story.get_absolute_url()}" in text
    assert "https://news.example.org/recommendations/stop/" in text
    assert "testserver" not in text


def test_markup_in_the_note_and_names_is_text_in_the_html_body(client, story, smtp_server):
    recommend(client, story, sender_name="Ann <b>Bold</b>", note="<script>alert(1)</script>")
    run_worker()
    [message] = smtp_server.sink.messages()
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "<b>Bold</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Ann &lt;b&gt;Bold&lt;/b&gt;" in html


def test_the_subject_is_fixed_whatever_the_sender_types(client, story, smtp_server):
    recommend(client, story, sender_name="Cheap pills now")
    run_worker()
    [message] = smtp_server.sink.messages()
    assert message["Subject"] == SUBJECT


def test_while_smtp_is_down_the_message_is_retried_and_sent_once_when_it_is_back(
    client, story, smtp_server
):
    smtp_server.stop()
    recommend(client, story)
    run_worker()
    mail = OutgoingMail.objects.get()
    assert mail.status == MailStatus.QUEUED
    assert mail.attempts == 1
    assert pending_tasks().count() == 1

    smtp_server.start()
    time_passes_for_the_retry()
    run_worker()
    run_worker()

    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT
    assert len(smtp_server.sink.envelopes) == 1
    assert not pending_tasks().exists()
