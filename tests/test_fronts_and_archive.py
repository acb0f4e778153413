"""The home page, section fronts and the date archive: what they list, in which order and on
which day, and how they answer links that were damaged or made up."""

import base64
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 6, 8, 0, tzinfo=UTC)  # 12:00 in Baku on 06 March
NOT_FOUND = "The story or page you were looking for is not here."


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def politics(clock):
    return factories.section(factories.edition("en"), name="Politics")


@pytest.fixture
def sport(politics):
    return factories.section(politics.edition, name="Sport")


def html_of(response) -> str:
    return response.content.decode()


def block(html: str, opening: str) -> str:
    """The HTML from ``opening`` to the end of the element it opens (no nesting of its kind)."""
    tag = re.match(r"<(\w+)", opening).group(1)
    start = html.index(opening)
    return html[start : html.index(f"</{tag}>", start)]


def listing_of(html: str) -> str:
    """The story list of a section, tag or author page (up to its pager)."""
    return html[html.index('<div class="listing">') : html.index('<nav class="pager"')]


def headlines_in(html: str) -> list[str]:
    return re.findall(r'<h3 class="story-item__headline"><a href="[^"]+">([^<]+)</a></h3>', html)


def lenta_of(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The lenta as ``[(day heading, [(HH:MM, headline), ...]), ...]``."""
    lenta = block(html, '<section class="lenta"')
    days = []
    for chunk in lenta.split('<h3 class="lenta__day">')[1:]:
        day = re.search(r">(\d\d \w+ \d{4})</a></h3>", chunk).group(1)
        items = re.findall(r"<time [^>]+>(\d\d:\d\d)</time> <a href=\"[^\"]+\">([^<]+)</a>", chunk)
        days.append((day, items))
    return days


class TestHome:
    def test_a_breaking_story_is_announced_in_a_banner(self, client, politics):
        factories.article(sec=politics, headline="Earthquake felt in the capital", is_breaking=True)
        banner = block(html_of(client.get("/en/")), '<aside class="breaking"')
        assert "Breaking" in banner
        assert "Earthquake felt in the capital" in banner

    def test_only_the_latest_breaking_story_takes_the_banner(self, client, politics):
        factories.article(
            sec=politics, headline="Older alert", is_breaking=True, at=NOW - timedelta(hours=2)
        )
        factories.article(
            sec=politics, headline="Newer alert", is_breaking=True, at=NOW - timedelta(hours=1)
        )
        banner = block(html_of(client.get("/en/")), '<aside class="breaking"')
        assert "Newer alert" in banner
        assert "Older alert" not in banner

    def test_without_breaking_news_there_is_no_banner(self, client, politics):
        factories.article(sec=politics, headline="A quiet day")
        assert '<aside class="breaking"' not in html_of(client.get("/en/"))

    def test_top_stories_are_the_ones_editors_marked(self, client, politics, sport):
        factories.article(sec=politics, headline="Budget passes", is_top_story=True)
        factories.article(sec=sport, headline="Cup final tonight", is_top_story=True)
        factories.article(sec=politics, headline="Committee meets")
        top = block(html_of(client.get("/en/")), '<section class="top-stories"')
        assert "Budget passes" in top
        assert "Cup final tonight" in top
        assert "Committee meets" not in top

    def test_the_root_serves_the_default_edition(self, client, politics):
        factories.article(sec=politics, headline="Budget passes")
        assert "Budget passes" in html_of(client.get("/"))

    def test_the_lenta_groups_stories_by_day_in_the_editions_time_zone(self, client, politics):
        # 21:30 UTC on 4 March is 01:30 on 5 March in Baku; 19:45 UTC is still 23:45 on 4 March.
        factories.article(
            sec=politics,
            headline="After midnight in Baku",
            at=datetime(2014, 3, 4, 21, 30, tzinfo=UTC),
        )
        factories.article(
            sec=politics,
            headline="Before midnight in Baku",
            at=datetime(2014, 3, 4, 19, 45, tzinfo=UTC),
        )
        factories.article(
            sec=politics, headline="This morning", at=datetime(2014, 3, 6, 5, 5, tzinfo=UTC)
        )

        assert lenta_of(html_of(client.get("/en/"))) == [
            ("06 March 2014", [("09:05", "This morning")]),
            ("05 March 2014", [("01:30", "After midnight in Baku")]),
            ("04 March 2014", [("23:45", "Before midnight in Baku")]),
        ]

    def test_each_lenta_day_links_to_its_archive_page(self, client, politics):
        factories.article(sec=politics, at=datetime(2014, 3, 4, 21, 30, tzinfo=UTC))
        html = html_of(client.get("/en/"))
        assert '<a href="/en/archive/2014/03/05/">05 March 2014</a>' in html

    def test_the_home_page_shows_each_sections_latest_stories(self, client, politics, sport):
        factories.article(sec=politics, headline="Budget passes")
        factories.article(sec=sport, headline="Cup final tonight")
        html = html_of(client.get("/en/"))
        assert "Budget passes" in block(
            html, f'<section class="section-block" aria-labelledby="section-{politics.pk}"'
        )
        assert "Cup final tonight" in block(
            html, f'<section class="section-block" aria-labelledby="section-{sport.pk}"'
        )

    def test_another_editions_stories_stay_in_their_edition(self, client, politics):
        az_politics = factories.section(factories.edition("az"), name="Siyasət", slug="siyaset")
        factories.article(sec=az_politics, headline="Büdcə qəbul edildi")
        factories.article(sec=politics, headline="Budget passes")
        assert "Büdcə qəbul edildi" not in html_of(client.get("/en/"))
        assert "Budget passes" not in html_of(client.get("/az/"))

    def test_a_huge_page_number_is_ignored(self, client, politics):
        factories.article(sec=politics, headline="Budget passes")
        for url in ("/en/", "/en/politics/"):
            response = client.get(url, {"page": str(10**9)})
            assert response.status_code == 200
            assert "Budget passes" in html_of(response)


class TestSectionFront:
    def test_a_section_lists_only_its_own_stories_newest_first(self, client, politics, sport):
        for hours, headline in [(3, "Oldest"), (1, "Newest"), (2, "Middle")]:
            factories.article(sec=politics, headline=headline, at=NOW - timedelta(hours=hours))
        factories.article(sec=sport, headline="Cup final tonight")

        listing = listing_of(html_of(client.get("/en/politics/")))

        assert headlines_in(listing) == ["Newest", "Middle", "Oldest"]

    def test_an_empty_section_says_so(self, client, politics):
        assert "No stories in this section yet." in html_of(client.get("/en/politics/"))


def follow_older_links(client, url: str) -> list[list[str]]:
    """The headlines of every page reached by following "Older stories" from ``url``."""
    pages = []
    for _ in range(100):
        html = html_of(client.get(url))
        pages.append(headlines_in(listing_of(html)))
        older = re.search(
            r'<a class="pager__next" rel="next" href="(\?before=[^"]+)">Older stories</a>', html
        )
        if not older:
            return pages
        url = url.split("?")[0] + older.group(1)
    raise AssertionError("the pager never ended")


@pytest.fixture
def crowded_section(politics, sport, settings):
    """Eleven stories, three of them published in the same microsecond, beside another section."""
    settings.DATELINE_PAGE_SIZE = 3
    writer, label = factories.author(), factories.tag("Elections")
    same_moment = datetime(2014, 3, 5, 5, 30, 0, 123457, tzinfo=UTC)
    moments = [NOW - timedelta(minutes=m, microseconds=m) for m in range(8)] + [same_moment] * 3
    expected = []
    for n, moment in enumerate(moments):
        story = factories.article(
            sec=politics, headline=f"Politics story {n}", at=moment, authors=[writer]
        )
        story.tags.add(label)
        expected.append((moment, story.pk, story.headline))
        factories.article(sec=sport, headline=f"Sport story {n}", at=moment, authors=[writer])
    newest_first = [headline for _, _, headline in sorted(expected, reverse=True)]
    return {"newest first": newest_first, "writer": writer, "label": label}


@pytest.mark.parametrize("listing", ["section", "tag"])
def test_following_older_stories_links_reaches_every_story_exactly_once(
    client, crowded_section, listing
):
    url = {"section": "/en/politics/", "tag": f"/en/tag/{crowded_section['label'].slug}/"}[listing]

    pages = follow_older_links(client, url)

    assert [len(page) for page in pages] == [3, 3, 3, 2]
    assert [headline for page in pages for headline in page] == crowded_section["newest first"]


def test_an_authors_pages_reach_every_story_of_theirs_in_this_edition(client, crowded_section):
    pages = follow_older_links(client, f"/en/author/{crowded_section['writer'].slug}/")
    headlines = [headline for page in pages for headline in page]
    assert len(headlines) == 22
    assert len(set(headlines)) == 22


def test_later_pages_are_not_indexed_but_link_back_to_the_latest(client, crowded_section):
    first = html_of(client.get("/en/politics/"))
    older = re.search(r'href="(\?before=[^"]+)">Older stories', first).group(1)
    second = html_of(client.get("/en/politics/" + older))
    assert '<link rel="canonical"' in first
    assert '<meta name="robots" content="noindex, follow">' in second
    assert '<a class="pager__first" href="?">Latest</a>' in second


GARBAGE_CURSORS = {
    "letters": "abc",
    "5000 characters": "A" * 5000,
    "a nul byte": "%00",
    "base64 of junk": base64.urlsafe_b64encode(b"junk.more junk").decode(),
    "base64 of binary": base64.urlsafe_b64encode(b"\xff\xfe\x00\x01").decode(),
    "base64 without an id": base64.urlsafe_b64encode(b"1394011800000000").decode(),
    "base64 with id zero": base64.urlsafe_b64encode(b"1394011800000000.0").decode(),
    "base64 of a negative time": base64.urlsafe_b64encode(b"-1.5").decode(),
    "base64 of a time past year 5000": base64.urlsafe_b64encode(b"100000000000000000.5").decode(),
    "unicode": quote("день"),
    "padding only": "====",
}


@pytest.mark.parametrize("cursor", GARBAGE_CURSORS.values(), ids=GARBAGE_CURSORS.keys())
@pytest.mark.parametrize("listing", ["/en/politics/", "/en/tag/elections/", "/en/author/{author}/"])
def test_a_damaged_cursor_gets_the_designed_400_page_never_a_500(
    client, crowded_section, listing, cursor
):
    url = listing.format(author=crowded_section["writer"].slug) + "?before=" + cursor

    response = client.get(url)

    assert response.status_code == 400
    html = html_of(response)
    assert '<p class="error-page__code">400</p>' in html
    assert "This page link is damaged" in html


def test_a_well_formed_cursor_with_an_absurd_id_is_harmless(client, crowded_section):
    cursor = base64.urlsafe_b64encode(b"1394011800000000.99999999999999999999999").decode()
    response = client.get("/en/politics/?before=" + cursor)
    assert response.status_code in (200, 400)


class TestArchive:
    def test_an_archive_day_lists_that_days_stories_in_the_editions_zone(
        self, client, politics, sport
    ):
        stories = {
            "last second of 4 March": datetime(2014, 3, 4, 19, 59, 59, tzinfo=UTC),
            "first second of 5 March": datetime(2014, 3, 4, 20, 0, tzinfo=UTC),
            "lunch on 5 March": datetime(2014, 3, 5, 8, 15, tzinfo=UTC),
            "last minute of 5 March": datetime(2014, 3, 5, 19, 59, tzinfo=UTC),
            "first second of 6 March": datetime(2014, 3, 5, 20, 0, tzinfo=UTC),
        }
        for headline, moment in stories.items():
            factories.article(
                sec=sport if "lunch" in headline else politics, headline=headline, at=moment
            )

        response = client.get("/en/archive/2014/03/05/")

        assert response.status_code == 200
        listed = re.findall(
            r'<li><time [^>]+>(\d\d:\d\d)</time> <a href="[^"]+" class="kicker">(\w+)</a> '
            r'<a href="[^"]+">([^<]+)</a></li>',
            html_of(response),
        )
        assert listed == [
            ("23:59", "Politics", "last minute of 5 March"),
            ("12:15", "Sport", "lunch on 5 March"),
            ("00:00", "Politics", "first second of 5 March"),
        ]

    def test_an_archive_day_links_to_the_days_around_it(self, client, politics):
        html = html_of(client.get("/en/archive/2014/03/05/"))
        assert '<a rel="prev" href="/en/archive/2014/03/04/">04 March 2014</a>' in html
        assert '<a rel="next" href="/en/archive/2014/03/06/">06 March 2014</a>' in html

    def test_a_day_without_stories_says_so(self, client, politics):
        response = client.get("/en/archive/2001/01/01/")
        assert response.status_code == 200
        assert "No stories were published on this day." in html_of(response)

    def test_an_archive_day_leaves_out_other_editions(self, client, politics):
        az_politics = factories.section(factories.edition("az"), name="Siyasət", slug="siyaset")
        factories.article(
            sec=az_politics, headline="Büdcə qəbul edildi", at=datetime(2014, 3, 5, 8, tzinfo=UTC)
        )
        assert "Büdcə" not in html_of(client.get("/en/archive/2014/03/05/"))
        assert "Büdcə" in html_of(client.get("/az/archive/2014/03/05/"))

    @pytest.mark.parametrize("date", ["0001/01/02", "9999/12/30"])
    def test_the_first_and_last_days_the_archive_can_show_answer_normally(
        self, client, politics, date
    ):
        assert client.get(f"/en/archive/{date}/").status_code == 200

    @pytest.mark.parametrize(
        "date",
        [
            "2014/13/40",
            "14/3/5",
            "2014/3/05",
            "abcd/ef/gh",
            "2014/02/30",
            "9999999/01/01",
            "0000/01/01",
            "0001/01/01",
            "9999/12/31",
            # 2014/03/05 in Arabic-Indic digits, which int() would read as 2014, 3 and 5.
            quote("\u0662\u0660\u0661\u0664/\u0660\u0663/\u0660\u0665"),
            "+201/03/05",
        ],
    )
    def test_a_malformed_or_impossible_date_is_not_found(self, client, politics, date):
        response = client.get(f"/en/archive/{date}/")
        assert response.status_code == 404
        assert NOT_FOUND in html_of(response)


@pytest.mark.parametrize(
    "url",
    [
        "/en/no-such-section/",
        "/zz/",
        "/zz/politics/",
        "/zz/news/1-story/",
        "/zz/archive/2014/03/05/",
        "/en/author/nobody/",
        "/en/tag/no-such-tag/",
        "/en/news/999999-story/",
        "/not-a-page-at-all/",
    ],
)
def test_an_unknown_address_gets_the_designed_404_page(client, politics, url):
    factories.article(sec=politics)

    response = client.get(url)

    assert response.status_code == 404
    html = html_of(response)
    assert '<p class="error-page__code">404</p>' in html
    assert NOT_FOUND in html
    assert '<a href="/">Go to the front page</a>' in html
