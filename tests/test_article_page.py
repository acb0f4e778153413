"""What a reader sees on an article page, and where its old and short URLs lead.

The page is modelled on a saved agency page: ``TODAY.AZ / Politics``, the headline,
``05 March 2014 [09:30] - TODAY.AZ``, the byline, a long body with a quoted letter, tags,
``Print version`` and related stories.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest

from dateline.news import publishing
from dateline.news.models import Article, ArticleAuthor, Genre
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime(2014, 3, 5, 5, 30, tzinfo=UTC)  # 09:30 in Baku (GMT+4)
LETTER = (
    "<p>The minister wrote: “We thank our partners.”</p>"
    "<blockquote><p>‘Dear colleagues, it’s an honour’ — the letter began.</p></blockquote>"  # noqa: RUF001 (typographic quotes are the point)
    '<p>Read the <a href="https://example.org/letter">full letter</a>.</p>'
)


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, PUBLISHED_AT + timedelta(hours=2))


@pytest.fixture
def politics(db):
    return factories.section(factories.edition("en", time_zone="Asia/Baku"), name="Politics")


@pytest.fixture
def story(clock, politics):
    return factories.article(
        sec=politics,
        headline="Minister thanks partners in an open letter",
        slug="minister-thanks-partners",
        lead="The letter was read out in parliament.",
        body=LETTER,
        source=factories.source("Caspian Wire"),
        at=PUBLISHED_AT,
    )


def page_of(client, story: Article) -> str:
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    """The page's words, tags removed and whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def head_of(html: str) -> str:
    return html.split("</head>", 1)[0]


def test_the_masthead_names_the_site_and_links_the_section(client, story, settings):
    settings.DATELINE_SITE_NAME = "TODAY.AZ"
    html = page_of(client, story)
    assert "TODAY.AZ / Politics" in text_of(html)
    assert (
        '<p class="article__masthead"><span class="article__site">TODAY.AZ</span> / '
        '<a href="/en/politics/">Politics</a></p>'
    ) in html


def test_the_headline_is_the_page_heading(client, story):
    html = page_of(client, story)
    assert '<h1 class="article__headline">Minister thanks partners in an open letter</h1>' in html
    assert "<title>Minister thanks partners in an open letter — Dateline Daily</title>" in html


def test_the_dateline_shows_the_minute_in_the_editions_time_zone_and_the_source(client, story):
    html = page_of(client, story)
    assert "05 March 2014 [09:30] - Caspian Wire" in text_of(html)
    assert '<time datetime="2014-03-05T09:30:00+04:00">05 March 2014 [09:30]</time>' in html


def test_a_story_without_a_source_shows_the_dateline_alone(client, clock, politics):
    story = factories.article(sec=politics, at=PUBLISHED_AT)
    assert (
        '<p class="dateline"><time datetime="2014-03-05T09:30:00+04:00">05 March 2014 [09:30]'
        "</time></p>" in page_of(client, story)
    )


def test_an_edition_in_another_zone_dates_the_same_moment_in_its_own_time(client, clock):
    london = factories.section(factories.edition("uk", time_zone="Europe/London"), name="World")
    story = factories.article(sec=london, at=PUBLISHED_AT)
    assert "05 March 2014 [05:30]" in page_of(client, story)


@pytest.mark.parametrize(
    "genre",
    [g for g in Genre if g != Genre.NEWS],
    ids=lambda g: g.value,
)
def test_a_story_of_another_genre_carries_its_label(client, clock, politics, genre):
    story = factories.article(sec=politics, genre=genre)
    assert f'<p class="genre genre--{genre.value}">{genre.label}</p>' in page_of(client, story)


def test_a_news_story_carries_no_genre_label(client, story):
    assert 'class="genre' not in page_of(client, story)


def test_the_byline_names_authors_in_their_byline_order(client, clock, politics):
    first, second, third = (factories.author(name) for name in ("Aysel", "Boris", "Chen"))
    story = factories.article(sec=politics)
    # Created out of order, and the first author is last on another story: position decides.
    ArticleAuthor.objects.create(article=story, author=first, position=2)
    ArticleAuthor.objects.create(article=story, author=third, position=0)
    ArticleAuthor.objects.create(article=story, author=second, position=1)
    other = factories.article(sec=politics)
    ArticleAuthor.objects.create(article=other, author=first, position=0)
    ArticleAuthor.objects.create(article=other, author=third, position=1)

    assert "By Chen, Boris and Aysel" in text_of(page_of(client, story))
    assert "By Aysel and Chen" in text_of(page_of(client, other))


def test_byline_names_link_to_the_authors_pages(client, clock, politics):
    writer = factories.author("Aysel Mammadova")
    story = factories.article(sec=politics, authors=[writer])
    assert f'<a href="/en/author/{writer.slug}/" rel="author">Aysel Mammadova</a>' in page_of(
        client, story
    )


def test_a_story_without_authors_has_no_byline(client, story):
    assert 'class="byline"' not in page_of(client, story)


def test_the_lead_is_shown_under_the_headline(client, story):
    assert '<p class="article__lead">The letter was read out in parliament.</p>' in page_of(
        client, story
    )


def test_the_body_keeps_its_quotes_block_quotes_and_links_faithfully(client, story):
    html = page_of(client, story)
    assert "<p>The minister wrote: “We thank our partners.”</p>" in html
    assert (
        "<blockquote><p>‘Dear colleagues, it’s an honour’ — the letter began.</p></blockquote>"  # noqa: RUF001
        in html
    )
    assert '<a href="https://example.org/letter" rel="noopener noreferrer">full letter</a>' in html


def test_tags_link_to_their_pages_in_this_edition(client, story):
    story.tags.add(factories.tag("Elections"), factories.tag("Foreign policy"))
    html = page_of(client, story)
    assert '<a href="/en/tag/elections/" rel="tag">Elections</a>' in html
    assert '<a href="/en/tag/foreign-policy/" rel="tag">Foreign policy</a>' in html


class TestUpdated:
    def test_a_story_never_edited_shows_no_updated_line(self, client, story):
        assert "Updated" not in page_of(client, story)

    def test_a_published_story_whose_headline_changed_is_updated(self, client, clock, story):
        clock.set(datetime(2014, 3, 5, 8, 15, tzinfo=UTC))
        story.headline = "Minister thanks partners in a letter read to parliament"
        story.save()
        publishing.record_edit(story, {"headline"})

        html = page_of(client, story)

        assert (
            '<p class="article__updated">Updated '
            '<time datetime="2014-03-05T12:15:00+04:00">05 March 2014 [12:15]</time></p>'
        ) in html

    def test_a_published_story_whose_body_changed_is_updated(self, client, clock, story):
        clock.advance(minutes=5)
        story.body = LETTER + "<p>A correction was added.</p>"
        story.save()
        publishing.record_edit(story, {"body"})
        assert "Updated" in page_of(client, story)

    def test_an_edit_that_changes_nothing_readers_see_is_not_an_update(self, client, story):
        publishing.record_edit(story, set())
        publishing.record_edit(story, {"is_top_story", "genre"})
        assert "Updated" not in page_of(client, story)

    def test_editing_a_draft_is_not_an_update_once_it_is_published(self, client, clock, politics):
        draft = factories.draft(sec=politics, headline="First draft")
        draft.headline = "Second draft"
        draft.save()
        publishing.record_edit(draft, {"headline", "body"})
        assert Article.objects.get(pk=draft.pk).updated_at is None

        publishing.publish(draft)

        assert "Updated" not in page_of(client, draft)


def test_related_stories_come_from_the_same_section_of_the_same_edition(client, story, clock):
    politics = story.section
    neighbour = factories.article(sec=politics, headline="Budget vote set for Friday")
    elsewhere = factories.article(
        sec=factories.section(politics.edition, name="Sport"), headline="Derby ends in a draw"
    )
    draft = factories.draft(sec=politics, headline="Unfinished politics piece")

    html = page_of(client, story)
    related = html.split('<aside class="related"', 1)[1].split("</aside>", 1)[0]

    assert "More in Politics" in related
    assert neighbour.headline in related
    assert elsewhere.headline not in related
    assert draft.headline not in related
    assert story.get_absolute_url() not in related


def test_the_print_version_is_linked_in_the_page_and_in_the_head(client, story):
    html = page_of(client, story)
    print_url = f"/en/news/{story.pk}-minister-thanks-partners/print/"
    assert f'<link rel="alternate" media="print" href="{print_url}">' in head_of(html)
    assert f'href="{print_url}" rel="alternate">Print version</a>' in html


def test_the_canonical_link_is_the_storys_full_url(client, story):
    html = page_of(client, story)
    assert (
        f'<link rel="canonical" href="http://testserver/en/news/{story.pk}-minister-thanks-partners/">'
        in head_of(html)
    )


def test_the_canonical_link_uses_the_public_url_when_one_is_configured(client, story, settings):
    settings.DATELINE_PUBLIC_URL = "https://news.example.org"
    html = page_of(client, story)
    assert f'href="https://news.example.org/en/news/{story.pk}-minister-thanks-partners/"' in html


class TestTranslations:
    @pytest.fixture
    def translated(self, story):
        az = factories.edition("az", name="Azərbaycanca", language="az")
        ru = factories.edition("ru", name="Русский", language="ru", position=2)
        return {
            "az": factories.translation(story, az, slug="nazir-minnetdarliq"),
            "ru": factories.translation(story, ru, slug="ministr-blagodarit"),
        }

    def test_a_translated_story_links_every_language_with_hreflang(self, client, translated, story):
        head = head_of(page_of(client, story))
        az, ru = translated["az"], translated["ru"]
        assert (
            f'<link rel="alternate" hreflang="en" '
            f'href="http://testserver/en/news/{story.pk}-minister-thanks-partners/">'
        ) in head
        assert (
            f'<link rel="alternate" hreflang="az" '
            f'href="http://testserver/az/news/{az.pk}-nazir-minnetdarliq/">'
        ) in head
        assert (
            f'<link rel="alternate" hreflang="ru" '
            f'href="http://testserver/ru/news/{ru.pk}-ministr-blagodarit/">'
        ) in head

    def test_the_translation_links_back(self, client, translated, story):
        head = head_of(page_of(client, translated["az"]))
        assert f'hreflang="en" href="http://testserver/en/news/{story.pk}-' in head
        assert f'hreflang="az" href="http://testserver/az/news/{translated["az"].pk}-' in head

    def test_readers_are_offered_the_other_languages(self, client, translated, story):
        html = page_of(client, story)
        assert "Also in:" in html
        assert f'<a href="{translated["az"].get_absolute_url()}" hreflang="az"' in html

    def test_an_unpublished_translation_is_not_linked(self, client, translated, story):
        publishing.unpublish(translated["ru"])
        head = head_of(page_of(client, story))
        assert 'hreflang="ru"' not in head
        assert 'hreflang="az"' in head


def test_a_story_without_translations_has_no_hreflang_links(client, story):
    factories.edition("az", language="az")
    html = page_of(client, story)
    assert 'rel="alternate" hreflang' not in html
    assert "Also in:" not in html


class TestAddresses:
    def test_the_old_url_answers_301_to_the_new_one_after_a_slug_change(self, client, story):
        old_url = story.get_absolute_url()
        story.slug = "minister-letter-to-partners"
        story.save()

        response = client.get(old_url)

        assert response.status_code == 301
        assert response["Location"] == f"/en/news/{story.pk}-minister-letter-to-partners/"
        assert client.get(response["Location"]).status_code == 200

    def test_the_old_print_url_answers_301_to_the_new_print_url(self, client, story):
        old_print_url = story.get_print_url()
        story.slug = "minister-letter-to-partners"
        story.save()

        response = client.get(old_print_url)

        assert response.status_code == 301
        assert response["Location"] == f"/en/news/{story.pk}-minister-letter-to-partners/print/"

    def test_a_redirect_keeps_the_query_string(self, client, story):
        response = client.get(f"/en/news/{story.pk}-old-slug/?utm_source=newsletter")
        assert response.status_code == 301
        assert response["Location"] == story.get_absolute_url() + "?utm_source=newsletter"

    def test_the_short_url_answers_301_to_the_full_url(self, client, story):
        response = client.get(f"/en/news/{story.pk}/")
        assert response.status_code == 301
        assert response["Location"] == f"/en/news/{story.pk}-minister-thanks-partners/"

    def test_a_story_under_another_editions_prefix_is_not_found(self, client, story):
        factories.edition("az")
        for url in (
            story.get_absolute_url().replace("/en/", "/az/", 1),
            story.get_print_url().replace("/en/", "/az/", 1),
            f"/az/news/{story.pk}/",
        ):
            assert client.get(url).status_code == 404, url

    def test_a_story_id_that_does_not_exist_is_not_found(self, client, story):
        assert (
            client.get(f"/en/news/{story.pk + 1000}-minister-thanks-partners/").status_code == 404
        )
        assert client.get(f"/en/news/{story.pk + 1000}/").status_code == 404
