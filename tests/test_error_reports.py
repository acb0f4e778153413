"""A reader reports an error in a story: the report reaches the newsroom with a hashed IP,
only for published stories, only from the site's own pages, within the rate limits — and bad
input is answered with clear errors, never a server error."""

import hypothesis
import pytest
from django.test import Client
from hypothesis import strategies as st

from dateline.limits.throttle import fingerprint
from dateline.news.models import ReaderReport, ReportStatus
from tests import factories

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
AS_FETCH = {**SAME_ORIGIN, "Accept": "application/json"}
READER_IP = "203.0.113.7"


@pytest.fixture
def story(db):
    return factories.article(
        headline="Budget passes", slug="budget", body="<p>The budget is 12 billion.</p>"
    )


@pytest.fixture
def reader() -> Client:
    return Client(REMOTE_ADDR=READER_IP)


def report_url(story) -> str:
    return f"/en/news/{story.pk}-{story.slug}/report/"


def send(client: Client, story, headers=None, **fields):
    data = {"quoted_text": "12 billion", "comment": "It is 21 billion.", "email": "", **fields}
    return client.post(report_url(story), data, headers=AS_FETCH if headers is None else headers)


# --- The report itself ------------------------------------------------------------------


def test_a_report_is_stored_with_a_hashed_ip_and_no_raw_address(reader, story):
    response = send(reader, story, email="reader@example.org")

    assert response.status_code == 201
    assert response.json()["ok"] is True
    report = ReaderReport.objects.get()
    assert report.article == story
    assert report.quoted_text == "12 billion"
    assert report.comment == "It is 21 billion."
    assert report.reporter_email == "reader@example.org"
    assert report.status == ReportStatus.NEW
    assert report.handled_by is None and report.handled_at is None
    assert report.ip_hash == fingerprint(READER_IP)
    assert READER_IP not in str(ReaderReport.objects.values().get())


def test_comment_and_email_are_optional(reader, story):
    assert send(reader, story, comment="").status_code == 201
    assert ReaderReport.objects.get().comment == ""


def test_a_comment_alone_is_enough_when_the_reader_selected_nothing(reader, story):
    assert send(reader, story, quoted_text="", comment="The date is wrong.").status_code == 201


def test_windows_line_breaks_in_a_selection_count_once(reader, story):
    quote = "a\r\n" * 333 + "b"  # 1,333 characters as sent, 1,000 once CRLF is one break
    assert send(reader, story, quoted_text=quote).status_code == 201
    assert ReaderReport.objects.get().quoted_text == quote.replace("\r\n", "\n")


def test_a_plain_form_post_redirects_to_a_thank_you_page(reader, story):
    response = send(reader, story, headers=SAME_ORIGIN)

    assert response.status_code == 302
    assert response["Location"] == f"/en/news/{story.pk}-budget/report/thanks/"
    thanks = reader.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you" in thanks.text
    assert ReaderReport.objects.count() == 1


def test_the_report_page_works_without_javascript(reader, story):
    response = reader.get(report_url(story))

    assert response.status_code == 200
    assert '<form class="report-form" method="post"' in response.text
    assert 'name="quoted_text"' in response.text
    assert 'name="comment"' in response.text
    assert 'name="email"' in response.text
    assert "Budget passes" in response.text
    assert response.cookies == {}
    assert "csrfmiddlewaretoken" not in response.text


def test_the_report_page_under_an_old_slug_redirects_to_the_right_one(reader, story):
    response = reader.get(f"/en/news/{story.pk}-old-slug/report/")
    assert response.status_code == 301
    assert response["Location"] == report_url(story)


def test_the_article_page_links_the_report_page_and_stays_cookie_free(reader, story):
    response = reader.get(story.get_absolute_url())

    assert response.status_code == 200
    assert f'href="{report_url(story)}"' in response.text
    assert "<dialog" in response.text
    assert "website/js/report-error.js" in response.text
    assert response.cookies == {}
    assert "csrfmiddlewaretoken" not in response.text
    assert "Cookie" not in response.get("Vary", "")


# --- Only published stories -------------------------------------------------------------


@pytest.mark.parametrize("hidden", ["draft", "unpublished", "scheduled"])
def test_stories_readers_cannot_see_take_no_reports(reader, hidden):
    from datetime import timedelta

    from django.utils import timezone

    story = {
        "draft": lambda: factories.draft(slug="hidden"),
        "unpublished": lambda: factories.unpublished(slug="hidden"),
        "scheduled": lambda: factories.article(
            slug="hidden", at=timezone.now() + timedelta(hours=1)
        ),
    }[hidden]()

    assert reader.get(report_url(story)).status_code == 404
    assert send(reader, story).status_code == 404
    assert send(reader, story, headers=SAME_ORIGIN).status_code == 404
    assert not ReaderReport.objects.exists()


def test_a_story_from_another_edition_takes_no_report_under_this_one(reader, story):
    factories.edition("az")
    response = reader.post(
        f"/az/news/{story.pk}-budget/report/", {"comment": "x"}, headers=AS_FETCH
    )
    assert response.status_code == 404


# --- Same origin instead of a CSRF cookie ---------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "none"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"},
        {"Origin": "http://testserver:8080"},
    ],
    ids=lambda headers: ", ".join(f"{k}: {v}" for k, v in headers.items()) or "no headers",
)
def test_posts_from_other_sites_are_refused(reader, story, headers):
    response = send(reader, story, headers={**headers, "Accept": "application/json"})

    assert response.status_code == 403
    assert response.json()["ok"] is False
    assert not ReaderReport.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://testserver"},
        {"Origin": "HTTP://TESTSERVER"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    ],
)
def test_posts_from_our_own_pages_are_accepted(reader, story, headers):
    assert send(reader, story, headers=headers).status_code == 302


def test_the_public_origin_counts_as_our_own(reader, story, settings):
    settings.DATELINE_PUBLIC_URL = "https://news.example.org"
    assert send(reader, story, headers={"Origin": "https://news.example.org"}).status_code == 302


def test_a_refused_plain_form_gets_a_readable_page(reader, story):
    response = send(reader, story, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert "own page" in response.text


# --- Rate limits ---------------------------------------------------------------------------


def test_one_reader_may_send_ten_reports_an_hour(reader, story):
    answers = [send(reader, story).status_code for _ in range(11)]

    assert answers == [201] * 10 + [429]
    assert ReaderReport.objects.count() == 10


def test_the_hourly_limit_is_per_reader(story):
    for _ in range(10):
        send(Client(REMOTE_ADDR="203.0.113.1"), story)
    assert send(Client(REMOTE_ADDR="203.0.113.1"), story).status_code == 429
    assert send(Client(REMOTE_ADDR="203.0.113.2"), story).status_code == 201


def test_one_reader_may_send_fifty_reports_a_day(reader, monkeypatch):
    from datetime import UTC, datetime

    clock = factories.Clock(monkeypatch, datetime(2014, 3, 5, 0, 30, tzinfo=UTC))
    story = factories.article(slug="budget")
    answers = []
    for _ in range(6):
        answers += [send(reader, story).status_code for _ in range(10)]
        clock.advance(hours=1)

    assert answers.count(201) == 50
    assert answers[50:] == [429] * 10


def test_a_story_takes_a_hundred_reports_a_day(story, settings):
    settings.DATELINE_REPORTS_PER_ARTICLE_DAY = 3
    answers = [send(Client(REMOTE_ADDR=f"198.51.100.{n}"), story).status_code for n in range(4)]

    assert answers == [201, 201, 201, 429]
    other = factories.article(slug="other")
    assert send(Client(REMOTE_ADDR="198.51.100.9"), other).status_code == 201


def test_limits_come_from_settings(reader, story, settings):
    settings.DATELINE_REPORTS_PER_IP_HOUR = 2
    assert [send(reader, story).status_code for _ in range(3)] == [201, 201, 429]


def test_too_many_reports_is_a_readable_page_with_retry_after(reader, story, settings):
    settings.DATELINE_REPORTS_PER_IP_HOUR = 0
    response = send(reader, story, headers=SAME_ORIGIN)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Too many reports" in response.text


# --- Honeypot ------------------------------------------------------------------------------


def test_a_filled_honeypot_looks_like_success_but_stores_nothing(reader, story):
    response = send(reader, story, website="http://spam.example")
    assert response.status_code == 201
    assert not ReaderReport.objects.exists()

    plain = send(reader, story, headers=SAME_ORIGIN, website="http://spam.example")
    assert plain.status_code == 302
    assert not ReaderReport.objects.exists()


# --- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"quoted_text": "x" * 1001}, "quoted_text"),
        ({"comment": "x" * 1001}, "comment"),
        ({"quoted_text": "bell\x07"}, "quoted_text"),
        ({"comment": "nul\x00byte"}, "comment"),
        ({"comment": "escape\x1b[31m"}, "comment"),
        ({"email": "not an address"}, "email"),
        ({"email": "reader@example.org\r\nBcc: victim@example.org"}, "email"),
        ({"quoted_text": "", "comment": "  "}, "__all__"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(reader, story, fields, field):
    response = send(reader, story, **fields)

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors
    assert errors[field][0]["message"]
    assert not ReaderReport.objects.exists()


def test_a_plain_form_with_bad_input_shows_the_errors_and_keeps_the_input(reader, story):
    response = send(
        reader,
        story,
        headers=SAME_ORIGIN,
        quoted_text="12 billion",
        comment="Should be 21.",
        email="not an address",
    )

    assert response.status_code == 400
    assert "Enter a valid email address." in response.text
    assert "12 billion</textarea>" in response.text
    assert "Should be 21.</textarea>" in response.text
    assert 'value="not an address"' in response.text


def test_a_report_of_exactly_a_thousand_characters_is_accepted(reader, story):
    assert send(reader, story, quoted_text="é" * 1000, comment="ü" * 1000).status_code == 201


def test_other_methods_are_not_allowed(reader, story):
    assert reader.put(report_url(story)).status_code == 405
    assert reader.delete(report_url(story)).status_code == 405


def test_a_report_needs_its_text_or_a_comment_in_the_model_too(story):
    from django.core.exceptions import ValidationError

    report = ReaderReport(article=story, ip_hash="x")
    with pytest.raises(ValidationError):
        report.full_clean()


ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=1200)


@hypothesis.settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)
@hypothesis.given(quoted_text=ANY_TEXT, comment=ANY_TEXT, email=ANY_TEXT, json=st.booleans())
def test_arbitrary_input_is_stored_or_refused_but_never_a_server_error(
    reader, story, settings, quoted_text, comment, email, json
):
    settings.DATELINE_REPORTS_PER_IP_HOUR = settings.DATELINE_REPORTS_PER_IP_DAY = 10_000
    settings.DATELINE_REPORTS_PER_ARTICLE_DAY = 10_000
    before = ReaderReport.objects.count()

    response = send(
        reader,
        story,
        headers=AS_FETCH if json else SAME_ORIGIN,
        quoted_text=quoted_text,
        comment=comment,
        email=email,
    )

    assert response.status_code in (201, 302, 400)
    stored = ReaderReport.objects.count() - before
    assert stored == (1 if response.status_code in (201, 302) else 0)
