"""Reader pages cost a fixed, small number of queries, however big the archive grows.

Each page is measured with 10 stories on the site, then again after the site has grown to 1,000
(with more sections, bylines, tags and translations); the two counts must match and stay small.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.news import middleware
from dateline.news.models import Article, ArticleAuthor
from tests import factories
from tests.media_helpers import library_picture

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 6, 8, 0, tzinfo=UTC)
# The article page is the dearest: edition and sections, the story, its byline, tags,
# corrections, related stories, translations, its view count, Most read, and two for pictures
# (the lead picture's renditions; every picture in the body, in one).
MAX_QUERIES = 12


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture(autouse=True)
def scheduler_checks_only_on_a_clients_first_request(monkeypatch):
    # The scheduling middleware looks for due stories at most every few seconds per client;
    # pinning the interval keeps a slow machine from adding that query to a measurement.
    monkeypatch.setattr(middleware, "CHECK_INTERVAL_SECONDS", 10**9)


@pytest.fixture
def site(clock):
    """Ten stories: a featured one with three authors and three tags, and nine others."""
    en = factories.edition("en")
    factories.edition("az")
    factories.edition("ru", position=2)
    politics = factories.section(en, name="Politics")
    sport = factories.section(en, name="Sport")
    writers = [factories.author() for _ in range(3)]
    labels = [factories.tag(f"Topic {n}") for n in range(3)]
    photos = [library_picture(width=640, height=480) for _ in range(2)]
    featured = factories.article(
        sec=politics,
        authors=writers,
        source=factories.source(),
        is_top_story=True,
        picture=photos[0],
        body=body_with_pictures(photos),
    )
    featured.tags.add(*labels)
    for sec, count, newest in [(politics, 5, NOW - timedelta(hours=1)), (sport, 4, NOW)]:
        stories = factories.many_articles(
            count, sec=sec, newest=newest, authors=writers, tags=labels
        )
        Article.objects.filter(pk__in=[s.pk for s in stories[:2]]).update(picture=photos[1])
    assert Article.objects.count() == 10
    return {
        "featured": featured,
        "writer": writers[0],
        "label": labels[0],
        "edition": en,
        "photos": photos,
    }


def body_with_pictures(photos) -> str:
    """A story body with library pictures in it, as the body editor inserts them."""
    return "".join(
        f'<figure><img src="{photo.file.url}" alt="{photo.alt}" data-image-id="{photo.pk}">'
        f"<figcaption>{photo.caption}</figcaption></figure><p>Paragraph.</p>"
        for photo in photos
    )


def grow(site) -> None:
    """The same site with 1,000 stories in 8 sections, 5 top stories, 30 bylines and 30 tags on
    the featured story, and two translations of it."""
    featured = site["featured"]
    sections = [
        factories.section(site["edition"], name=f"Desk {n}", slug=f"desk-{n}") for n in range(6)
    ]
    writers = [factories.author() for _ in range(27)]
    labels = [factories.tag(f"Subject {n}") for n in range(27)]
    for position, person in enumerate(writers, start=3):
        ArticleAuthor.objects.create(article=featured, author=person, position=position)
    featured.tags.add(*labels)
    for n, sec in enumerate([featured.section, *sections]):
        factories.many_articles(
            141,
            sec=sec,
            newest=NOW - timedelta(days=n + 1),
            authors=[site["writer"], *writers[:2]],
            tags=[site["label"], *labels[:2]],
        )
    # Four more top stories, from four more sections: each links its section.
    for sec in sections[:4]:
        story = sec.articles.order_by("-published_at").first()
        Article.objects.filter(pk=story.pk).update(is_top_story=True)
    for code in ("az", "ru"):
        factories.translation(featured, factories.edition(code), is_breaking=True)
    factories.many_articles(3, sec=featured.section, newest=NOW - timedelta(days=30))
    # Every story gets one of six pictures; the featured story's body shows all of them.
    photos = [*site["photos"], *(library_picture(width=640, height=480) for _ in range(4))]
    others = list(Article.objects.exclude(pk=featured.pk).values_list("pk", flat=True))
    for n, photo in enumerate(photos):
        Article.objects.filter(pk__in=others[n :: len(photos)]).update(picture=photo)
    Article.objects.filter(pk=featured.pk).update(body=body_with_pictures(photos))
    assert Article.objects.filter(edition=site["edition"]).count() == 1000


PAGES = {
    "home": lambda site: "/en/",
    "root": lambda site: "/",
    "section front": lambda site: "/en/politics/",
    "article page": lambda site: site["featured"].get_absolute_url(),
    "print page": lambda site: site["featured"].get_print_url(),
    "author page": lambda site: f"/en/author/{site['writer'].slug}/",
    "tag page": lambda site: f"/en/tag/{site['label'].slug}/",
    "archive day": lambda site: "/en/archive/2014/03/06/",
}


def queries_for(url: str) -> list[str]:
    """The SQL a reader's request for ``url`` runs, after a first request has warmed up the
    client (the scheduling middleware queries on each client's first request), with the
    cache empty (the most a page can cost)."""
    reader = Client()
    assert reader.get("/robots.txt").status_code == 200
    # Cold caches: Most read is cached for a minute, so a warm cache would hide its queries.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = reader.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("page", PAGES.keys())
def test_a_reader_page_costs_the_same_few_queries_with_10_and_with_1000_stories(site, page):
    url = PAGES[page](site)
    with_10 = queries_for(url)

    grow(site)
    with_1000 = queries_for(url)

    assert len(with_10) == len(with_1000), "\n".join(with_1000)
    assert len(with_1000) <= MAX_QUERIES, "\n".join(with_1000)


def block_count(html: str, opening: str, needle: str) -> int:
    start = html.index(opening)
    return html[start : html.index("</section>", start)].count(needle)


def test_the_grown_site_really_shows_more_on_the_measured_pages(site):
    grow(site)
    reader = Client()
    article_page = reader.get(site["featured"].get_absolute_url()).content.decode()
    assert article_page.count('rel="author"') == 30
    assert article_page.count('rel="tag"') == 30
    assert article_page.count('rel="alternate" hreflang') == 4  # three editions and x-default
    assert article_page.count("<picture>") == 1 + 6  # the lead picture and six in the body
    section_page = reader.get("/en/politics/").content.decode()
    assert section_page.count('<source type="image/avif"') == 20  # a thumbnail per story
    home = reader.get("/en/").content.decode()
    assert home.count('class="section-block"') == 8
    assert block_count(home, '<section class="top-stories"', 'class="kicker"') == 5
    assert block_count(home, '<section class="top-stories"', "<picture>") == 5
    assert '<aside class="breaking"' not in home  # the breaking translations are other editions'
    author_page = reader.get(f"/en/author/{site['writer'].slug}/").content.decode()
    assert "Older stories" in author_page


def test_the_scheduling_check_costs_one_query_on_a_clients_first_request(site):
    reader = Client()
    with CaptureQueriesContext(connection) as first:
        reader.get("/robots.txt")
    with CaptureQueriesContext(connection) as second:
        reader.get("/robots.txt")
    assert len(first.captured_queries) == 1
    assert len(second.captured_queries) == 0
