# ruff: noqa: RUF001
"""Mail and the pages around it speak the reader's edition's language: the subscribe box's
answer, the confirmation e-mail, the preference page, the digest and the recommendation."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from dateline.distribution.models import OutgoingMail
from dateline.distribution.newsletters.composing import compose_digest
from dateline.distribution.newsletters.models import Subscriber
from dateline.distribution.newsletters.subscribing import preferences_url
from tests import factories
from tests.newsletter_helpers import sign_up

pytestmark = pytest.mark.django_db

BAKU = ZoneInfo("Asia/Baku")


@pytest.fixture
def editions():
    return {
        "en": factories.edition("en"),
        "az": factories.edition("az", position=1),
        "ru": factories.edition("ru", position=2),
    }


def test_a_russian_reader_signs_up_and_everything_answers_in_russian(editions):
    client = Client()
    response = sign_up(client, "olga@example.org", edition="ru")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ru"' in page and response["Content-Language"] == "ru"
    assert "Проверьте" in page or "почт" in page  # "check your inbox", in Russian
    [message] = OutgoingMail.objects.filter(to="olga@example.org")
    assert "Подтвердите" in message.subject or "подпис" in message.subject.lower()
    assert "Dateline Daily" in message.body_text
    assert " the " not in message.body_text.lower() and " your " not in message.body_text.lower()

    olga = Subscriber.objects.get(email="olga@example.org")
    preferences = client.get(preferences_url(olga, "")).content.decode()
    assert '<html lang="ru"' in preferences and "Ежедневный дайджест" in preferences


def test_an_azerbaijani_digest_is_written_in_azerbaijani(editions):
    section = factories.section(editions["az"], name="Siyasət", slug="siyaset")
    factories.article(
        sec=section, headline="Parlament büdcəni qəbul etdi", lead="Deputatlar razılaşdı.",
        at=datetime(2014, 3, 4, 18, 30, tzinfo=BAKU),  # in the 24 hours before the digest
    )  # fmt: skip
    issue = compose_digest(editions["az"], date(2014, 3, 5), base_url="https://news.example")
    assert issue is not None
    assert "5 mart 2014" in issue.subject
    assert "Parlament büdcəni qəbul etdi" in issue.body_text
    words = issue.body_text.replace("%%unsubscribe_url%%", "").replace("%%preferences_url%%", "")
    assert " the " not in words.lower() and "Most read" not in words and "Top stories" not in words


def test_a_mistake_in_the_russian_subscribe_box_is_explained_in_russian(editions):
    response = sign_up(Client(), "olga@example.org", edition="ru", digest=False, alerts=False)
    page = response.content.decode()
    assert response.status_code == 400 and '<html lang="ru"' in page
    assert "Please choose" not in page and "рассыл" in page.lower()
    assert not Subscriber.objects.filter(email="olga@example.org").exists()


def test_a_recommendation_from_the_russian_edition_is_written_in_russian(editions):
    from dateline.distribution.recommend.sending import Letter, compose

    story = factories.article(
        sec=factories.section(editions["ru"], name="Политика", slug="politika"),
        headline="Парламент принял бюджет",
    )
    letter = Letter(
        sender_name="Olga", sender_email="olga@example.org", friend_name="Ivan",
        friend_email="ivan@example.org", note="",
    )  # fmt: skip
    message = compose(story, letter, base_url="http://testserver")
    assert "Парламент принял бюджет" in message["body_text"]
    assert re.search("[а-я]", message["subject"])
    words = re.sub(r"\S+://\S+", "", message["body_text"])  # addresses are not words
    assert not re.search(r"\b(the|your|recommend|friend)\b", words, re.IGNORECASE)
    [stop] = [line for line in message["body_text"].split() if "/recommendations/stop/" in line]
    page = Client().get(stop.removeprefix("http://testserver"))
    assert '<html lang="ru"' in page.content.decode()
