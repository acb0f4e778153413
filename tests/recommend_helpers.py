"""Shared by the tests/test_recommend_*.py files: a reader filling in the form, and the SMTP
sink from test_mail_delivery. Test modules import the fixtures by their function names
(``fresh_page_tokens_fixture``, ``smtp_server_fixture``) and use them as ``fresh_page_tokens``
and ``smtp_server``.

Example::

    response = recommend(client, story, friend_email="bo@example.net")
    assert response.status_code == 303
"""

import time
from collections.abc import Iterator
from unittest.mock import patch

import pytest
from django.core.cache import cache

from dateline.distribution.recommend import tokens
from tests.smtp import SmtpServer

READER_IP = "203.0.113.7"

VALID = {
    "sender_name": "Ann Reader",
    "sender_email": "ann@example.org",
    "friend_name": "Bo Friend",
    "friend_email": "bo@example.net",
    "note": "",
    "homepage": "",
}


def token_issued(article_id: int, seconds_ago: float = 10) -> str:
    """A form token as if the page had been rendered ``seconds_ago``."""
    with patch.object(tokens, "clock", lambda: time.time() - seconds_ago):
        return tokens.issue_form_token(article_id)


def recommend_url(article) -> str:
    return f"/{article.edition.code}/news/{article.pk}/recommend/"


def recommend(client, article, *, ip: str = READER_IP, headers: dict | None = None, **fields):
    """POSTs the form as a person would: ten seconds after loading the page, same origin."""
    data = {**VALID, "token": token_issued(article.pk), **fields}
    return client.post(
        recommend_url(article),
        data,
        REMOTE_ADDR=ip,
        headers={"Sec-Fetch-Site": "same-origin", **(headers or {})},
    )


@pytest.fixture(autouse=True, name="fresh_page_tokens")
def fresh_page_tokens_fixture() -> Iterator[None]:
    """Page tokens are cached per article id; ids repeat between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(name="smtp_server")
def smtp_server_fixture(settings) -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": 5},
        }
    }
    yield server
    server.stop()
