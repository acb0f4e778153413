"""Every reader page advertises its feeds in <head>, at no extra database cost."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


def feed_links(html: str) -> dict[str, str]:
    """{href: type} of every <link rel="alternate"> that names a feed type."""
    head = html.split("</head>", 1)[0]
    found = {}
    for tag in re.findall(r"<link [^>]*>", head):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', tag))
        if attrs.get("rel") == "alternate" and attrs.get("type") in TYPES:
            assert attrs.get("title"), tag
            found[attrs["href"]] = attrs["type"]
    return found


def edition_feeds(code: str = "en") -> dict[str, str]:
    return dict(
        zip(
            (f"/{code}/feeds/{n}" for n in ("rss.xml", "atom.xml", "feed.json")), TYPES, strict=True
        )
    )


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def story():
    writer = factories.author("Leyla Mammadova")
    story = factories.article(
        sec=factories.section(factories.edition("en"), name="Politics"), authors=[writer]
    )
    story.tags.add(factories.tag("Elections"))
    return story


def test_the_home_page_advertises_the_editions_feeds(reader, story):
    assert feed_links(reader.get("/en/").content.decode()) == edition_feeds()
    assert feed_links(reader.get("/").content.decode()) == edition_feeds()


def test_a_section_page_also_advertises_the_sections_feeds(reader, story):
    links = feed_links(reader.get("/en/politics/").content.decode())
    assert links.items() >= edition_feeds().items()
    assert links["/en/politics/feeds/rss.xml"] == "application/rss+xml"
    assert links["/en/politics/feeds/atom.xml"] == "application/atom+xml"
    assert links["/en/politics/feeds/feed.json"] == "application/feed+json"


def test_an_article_page_advertises_its_editions_and_sections_feeds(reader, story):
    links = feed_links(reader.get(story.get_absolute_url()).content.decode())
    assert links.items() >= edition_feeds().items()
    assert "/en/politics/feeds/atom.xml" in links


def test_author_and_tag_pages_advertise_their_own_feeds(reader, story):
    author_slug = story.authors.get().slug
    links = feed_links(reader.get(f"/en/author/{author_slug}/").content.decode())
    assert f"/en/author/{author_slug}/feeds/rss.xml" in links
    assert links.items() >= edition_feeds().items()
    links = feed_links(reader.get("/en/tag/elections/").content.decode())
    assert "/en/tag/elections/feeds/feed.json" in links


def test_every_advertised_feed_answers(reader, story):
    for page in ("/en/", "/en/politics/", story.get_absolute_url(), "/en/tag/elections/"):
        for href, media_type in feed_links(reader.get(page).content.decode()).items():
            response = reader.get(href)
            assert response.status_code == 200, href
            assert response["Content-Type"].startswith(media_type)


def test_error_and_welcome_pages_advertise_no_feed(reader, story):
    missing = reader.get("/en/no-such-section/")
    assert missing.status_code == 404
    assert feed_links(missing.content.decode()) == {}


def test_a_fresh_install_without_editions_advertises_no_feed(reader):
    from dateline.news.models import Edition

    Edition.objects.all().delete()
    welcome = reader.get("/")
    assert welcome.status_code == 200
    assert feed_links(welcome.content.decode()) == {}


def test_the_links_cost_no_query(story, django_assert_num_queries):
    edition, section = story.edition, story.section
    author, tag = story.authors.get(), story.tags.get()
    with django_assert_num_queries(0):
        html = render_to_string(
            "distribution/includes/feed_links.html",
            {
                "edition": edition,
                "section": section,
                "author": author,
                "tag": tag,
                "site_name": "D",
            },
        )
    assert len(feed_links(html + "</head>")) == 12
