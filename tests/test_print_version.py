"""Every article has a printer-friendly version: the story itself, its source and a stamp.

The print page reuses the article page's body partial, so the two can never drift apart.
"""

import re
from datetime import UTC, datetime

import pytest

from dateline.news import publishing
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime(2014, 3, 5, 5, 30, tzinfo=UTC)  # 09:30 in Baku
PRINTED_AT = datetime(2014, 3, 6, 7, 45, tzinfo=UTC)  # 11:45 in Baku, the next day
BODY = (
    "<p>The minister wrote: “We thank our partners.”</p>"
    "<blockquote><p>‘Dear colleagues, it’s an honour.’</p></blockquote>"  # noqa: RUF001 (typographic quotes)
    '<p>See <a href="https://example.org/letter">the letter</a>.</p>'
)


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, PRINTED_AT)


@pytest.fixture
def story(clock):
    politics = factories.section(factories.edition("en"), name="Politics")
    story = factories.article(
        sec=politics,
        headline="Minister thanks partners in an open letter",
        slug="minister-thanks-partners",
        lead="The letter was read out in parliament.",
        body=BODY,
        source=factories.source("Caspian Wire"),
        authors=[factories.author("Aysel Mammadova"), factories.author("Boris Ivanov")],
        at=PUBLISHED_AT,
    )
    story.tags.add(factories.tag("Elections"))
    return story


@pytest.fixture
def printed(client, story):
    response = client.get(story.get_print_url())
    assert response.status_code == 200
    return response


def html_of(response) -> str:
    return response.content.decode()


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def shared_partial(html: str) -> str:
    """From the article header to the end of the body: the ``article-body`` partial."""
    match = re.search(
        r'<header class="article__header">.*?<div class="article__body">.*?</div>', html, re.S
    )
    assert match, "the page has no article body partial"
    return match.group(0)


def test_the_print_page_has_the_masthead_and_section(printed):
    assert "Dateline Daily / Politics" in text_of(html_of(printed))


def test_the_print_page_has_the_headline_dateline_and_byline(printed):
    text = text_of(html_of(printed))
    assert "Minister thanks partners in an open letter" in text
    assert "05 March 2014 [09:30] - Caspian Wire" in text
    assert "By Aysel Mammadova and Boris Ivanov" in text


def test_the_print_page_has_the_lead_and_the_whole_body(printed):
    html = html_of(printed)
    assert "The letter was read out in parliament." in html
    assert BODY.replace('">', '" rel="noopener noreferrer">') in html


def test_the_print_page_names_its_source_url_and_links_it_as_canonical(printed, story):
    html = html_of(printed)
    url = f"http://testserver/en/news/{story.pk}-minister-thanks-partners/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f"Source: {url}" in text_of(html)


def test_the_print_page_is_stamped_with_the_time_it_was_printed_in_the_editions_zone(printed):
    html = html_of(printed)
    assert "Printed on 06 March 2014 [11:45] from Dateline Daily." in text_of(html)
    assert '<time datetime="2014-03-06T11:45:00+04:00">' in html


def test_the_print_page_asks_search_engines_not_to_index_it(printed):
    assert '<meta name="robots" content="noindex">' in html_of(printed)
    assert printed["X-Robots-Tag"] == "noindex"


def test_the_print_page_has_no_navigation_and_no_forms(printed):
    html = html_of(printed)
    assert "<nav" not in html.lower()
    assert "<form" not in html.lower()
    assert "Skip to content" not in html
    assert "Connect with us" not in html


def test_the_print_page_uses_the_print_stylesheet(printed):
    assert 'href="/static/website/css/print.css"' in html_of(printed)


def test_the_print_page_shows_the_story_exactly_as_the_article_page_does(client, story, printed):
    article_page = client.get(story.get_absolute_url())
    assert shared_partial(html_of(printed)) == shared_partial(html_of(article_page))


def test_an_updated_story_prints_identically_too(client, clock, story):
    clock.advance(hours=1)
    story.body = BODY + "<p>Correction: the letter was dated 4 March.</p>"
    story.save()
    publishing.record_edit(story, {"body"})

    printed = html_of(client.get(story.get_print_url()))
    article_page = html_of(client.get(story.get_absolute_url()))

    assert "Correction: the letter was dated 4 March." in shared_partial(printed)
    assert "Updated" in shared_partial(printed)
    assert shared_partial(printed) == shared_partial(article_page)


def test_a_draft_has_no_print_version(client, clock):
    draft = factories.draft(headline="Not ready yet")
    assert client.get(draft.get_print_url()).status_code == 404


def test_an_unpublished_story_has_no_print_version(client, story):
    publishing.unpublish(story)
    assert client.get(story.get_print_url()).status_code == 404
