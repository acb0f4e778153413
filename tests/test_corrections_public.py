"""Readers see a story's corrections, clarifications and updates: dated at the end of the story
and of its print version, on the edition's public /corrections/ log (paged, at a fixed cost),
and in the story's JSON-LD as schema.org ``correction`` with ``dateModified`` moved — but only
while the story itself is public."""

import re
from datetime import UTC, datetime

import extruct
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.news import publishing
from dateline.news.correcting import add_correction
from dateline.news.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime(2014, 3, 5, 5, 30, tzinfo=UTC)  # 09:30 in Baku
NOW = datetime(2014, 3, 6, 8, 0, tzinfo=UTC)  # 12:00 in Baku, the next day
TEXT = "An earlier version said the budget was 21 billion manat. It is 12 billion."


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def politics():
    return factories.section(factories.edition("en", time_zone="Asia/Baku"), name="Politics")


@pytest.fixture
def story(politics):
    return factories.article(
        sec=politics,
        headline="Parliament passes the budget",
        slug="parliament-passes-the-budget",
        at=PUBLISHED_AT,
    )


def note(article: Article, text: str = TEXT, kind: str = "correction"):
    return add_correction(article, kind=kind, text=text)


def end_of_story(html: str) -> str:
    """The notes section at the end of the story, or "" without one."""
    if '<section class="corrections"' not in html:
        return ""
    part = html[html.index('<section class="corrections"') :]
    return part[: part.index("</section>")]


def log_entries(html: str) -> list[str]:
    """Headlines on the corrections page, in order."""
    return re.findall(r'story-item__headline"><a href="[^"]+">([^<]+)</a>', html)


def json_ld_article(html: str) -> dict:
    documents = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])
    nodes = [n for doc in documents["json-ld"] for n in doc.get("@graph", [doc])]
    return next(n for n in nodes if n.get("@type", "").endswith("Article"))


# --- The story -------------------------------------------------------------------------------


def test_notes_appear_dated_at_the_end_of_the_story_in_the_order_they_were_added(
    client, story, clock
):
    note(story)
    clock.advance(hours=2)
    note(story, "Adds the finance minister's reaction.", kind="update")

    html = client.get(story.get_absolute_url()).content.decode()

    section = end_of_story(html)
    assert html.index('class="article__body"') < html.index('<section class="corrections"')
    assert "Corrections and updates" in section
    assert section.index("Correction") < section.index("Update")
    assert "06 March 2014 [12:00]" in section and "06 March 2014 [14:00]" in section  # Baku
    assert "It is 12 billion." in section
    assert 'href="/en/corrections/"' in section
    assert 'Updated <time datetime="2014-03-06T14:00:00+04:00"' in html  # the latest note


def test_a_story_without_notes_has_no_notes_section(client, story):
    assert end_of_story(client.get(story.get_absolute_url()).content.decode()) == ""


def test_a_note_is_shown_as_text_never_as_markup(client, story):
    note(story, "The quote <script>alert(1)</script> was misattributed.")

    section = end_of_story(client.get(story.get_absolute_url()).content.decode())

    assert "<script>alert(1)</script>" not in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section


def test_the_print_version_ends_with_the_notes_too(client, story):
    note(story)

    html = client.get(story.get_print_url()).content.decode()

    assert "It is 12 billion." in end_of_story(html)
    assert html.index('class="article__body"') < html.index("It is 12 billion.")
    assert html.index("It is 12 billion.") < html.index('class="print-footer"')


def test_structured_data_lists_each_note_and_moves_date_modified(client, story, clock):
    note(story)
    clock.advance(hours=1)
    note(story, "Adds the vote count.", kind="update")

    node = json_ld_article(client.get(story.get_absolute_url()).content.decode())

    assert node["dateModified"] == "2014-03-06T13:00:00+04:00"
    assert node["datePublished"] == "2014-03-05T09:30:00+04:00"
    assert [(c["@type"], c["name"], c["text"], c["datePublished"]) for c in node["correction"]] == [
        ("CorrectionComment", "Correction", TEXT, "2014-03-06T12:00:00+04:00"),
        ("CorrectionComment", "Update", "Adds the vote count.", "2014-03-06T13:00:00+04:00"),
    ]


def test_a_story_without_notes_has_no_correction_property(client, story):
    node = json_ld_article(client.get(story.get_absolute_url()).content.decode())

    assert "correction" not in node
    assert node["dateModified"] == node["datePublished"]


def test_the_article_page_reads_its_notes_in_one_query_however_many(client, story, clock):
    note(story)
    client.get(story.get_absolute_url())  # warm the per-process caches
    with CaptureQueriesContext(connection) as one:
        client.get(story.get_absolute_url())
    for n in range(9):
        clock.advance(minutes=1)
        note(story, f"Update number {n}.", kind="update")
    with CaptureQueriesContext(connection) as ten:
        client.get(story.get_absolute_url())

    assert len(ten) == len(one)


# --- The public log --------------------------------------------------------------------------


def test_the_corrections_page_lists_notes_newest_first_linking_to_each(client, politics, clock):
    first = factories.article(sec=politics, headline="Budget passes", at=PUBLISHED_AT)
    second = factories.article(sec=politics, headline="Cup final tonight", at=PUBLISHED_AT)
    older = note(first)
    clock.advance(hours=1)
    newer = note(second, "The match starts at 20:00, not 19:00.", kind="clarification")

    response = client.get("/en/corrections/")

    html = response.content.decode()
    assert response.status_code == 200
    assert log_entries(html) == ["Cup final tonight", "Budget passes"]
    assert f'href="{second.get_absolute_url()}#correction-{newer.pk}"' in html
    assert f'href="{first.get_absolute_url()}#correction-{older.pk}"' in html
    assert "Clarification" in html and "The match starts at 20:00, not 19:00." in html
    assert '<link rel="canonical" href="http://testserver/en/corrections/">' in html


def test_each_edition_has_its_own_log(client, story):
    azeri = factories.article(
        sec=factories.section(factories.edition("az"), name="Siyasət", slug="siyaset"),
        headline="Büdcə qəbul edildi",
    )
    note(story)
    note(azeri, "Rəqəm düzəldildi.")

    assert log_entries(client.get("/en/corrections/").content.decode()) == [story.headline]
    assert log_entries(client.get("/az/corrections/").content.decode()) == ["Büdcə qəbul edildi"]


def test_the_log_pages_through_older_notes_by_cursor(client, story, clock, settings):
    settings.DATELINE_PAGE_SIZE = 2
    for n in range(5):
        clock.advance(minutes=1)
        note(story, f"Note number {n}.")

    seen: list[str] = []
    url = "/en/corrections/"
    pages = 0
    while url:
        html = client.get(url).content.decode()
        seen += re.findall(r"Note number (\d)\.", html)
        pages += 1
        if pages > 1:
            assert '<meta name="robots" content="noindex, follow">' in html
        older = re.search(r'class="pager__next" rel="next" href="([^"]+)"', html)
        url = "/en/corrections/" + older[1].replace("&amp;", "&") if older else ""

    assert seen == ["4", "3", "2", "1", "0"]
    assert pages == 3


def test_a_damaged_page_link_is_the_readers_error(client, story):
    response = client.get("/en/corrections/", {"before": "not-a-cursor"})

    assert response.status_code == 400


def test_the_log_costs_the_same_queries_with_3_or_30_notes(client, politics, clock, settings):
    settings.DATELINE_PAGE_SIZE = 20
    stories = [factories.article(sec=politics, at=PUBLISHED_AT) for _ in range(3)]
    for s in stories:
        note(s)
    client.get("/en/corrections/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get("/en/corrections/")
    for n in range(27):
        clock.advance(minutes=1)
        note(stories[n % 3], f"Note {n}.")
    with CaptureQueriesContext(connection) as many:
        client.get("/en/corrections/")

    assert len(many) == len(few)


def test_corrections_is_not_a_section_name(politics):
    from django.core.exceptions import ValidationError

    section = factories.section(politics.edition, name="Corrections", slug="corrections-ok")
    section.slug = "corrections"
    with pytest.raises(ValidationError, match="used by the site itself"):
        section.full_clean()


# --- Only public stories' notes --------------------------------------------------------------


def test_a_story_taken_off_the_site_takes_its_notes_off_every_public_page(client, story):
    note(story)
    kept = factories.article(sec=story.section, headline="Still on the site", at=PUBLISHED_AT)
    note(kept, "Adds a quote.", kind="update")

    publishing.unpublish(story)

    assert log_entries(client.get("/en/corrections/").content.decode()) == ["Still on the site"]
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get(story.get_print_url()).status_code == 404
    rss = client.get("/en/corrections/feeds/rss.xml").content.decode()
    assert "Parliament passes the budget" not in rss and "Still on the site" in rss


def test_a_republished_story_brings_its_notes_back(client, story):
    note(story)
    publishing.unpublish(story)
    publishing.publish(Article.objects.get(pk=story.pk))

    assert log_entries(client.get("/en/corrections/").content.decode()) == [story.headline]
