"""Every public page previews well when shared: Open Graph (read back by extruct) and Twitter
card tags with absolute URLs and an image, and a canonical link that og:url agrees with."""

import io
import re
from datetime import UTC, datetime, timedelta

import extruct
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import html as lxml_html
from PIL import Image

from dateline.news import publishing
from tests import factories
from tests.media_helpers import library_picture

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime(2014, 3, 5, 5, 30, tzinfo=UTC)  # 09:30 in Baku (GMT+4)
DEFAULT_IMAGE = "http://testserver/static/distribution/social-default.png"
TWITTER = ("twitter:card", "twitter:title", "twitter:description", "twitter:image")


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, PUBLISHED_AT + timedelta(hours=2))


@pytest.fixture
def site(clock):
    en = factories.edition("en", time_zone="Asia/Baku")
    politics = factories.section(en, name="Politics", description="Parliament and government.")
    reporter = factories.author("Leyla Aliyeva")
    story = factories.article(
        sec=politics,
        headline="Minister thanks partners in an open letter",
        slug="minister-thanks-partners",
        lead="The letter was read out in parliament.",
        authors=[reporter],
        at=PUBLISHED_AT,
    )
    story.tags.add(factories.tag("Diplomacy"), factories.tag("Parliament"))
    return {"story": story, "reporter": reporter, "section": politics}


PAGES = {
    "home": lambda site: ("/en/", "/en/"),
    "root": lambda site: ("/", "/en/"),
    "section": lambda site: ("/en/politics/", "/en/politics/"),
    "article": lambda site: (site["story"].get_absolute_url(),) * 2,
    "author": lambda site: (f"/en/author/{site['reporter'].slug}/",) * 2,
    "tag": lambda site: ("/en/tag/diplomacy/",) * 2,
    "archive": lambda site: ("/en/archive/2014/03/05/",) * 2,
}


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def open_graph(html: str) -> list[tuple[str, str]]:
    """The page's Open Graph properties in order, as extruct reads them (repeats kept)."""
    found = extruct.extract(html, base_url="http://testserver/", syntaxes=["opengraph"])
    return [pair for item in found["opengraph"] for pair in item["properties"]]


def og(html: str) -> dict[str, str]:
    return dict(open_graph(html))


def og_all(html: str, name: str) -> list[str]:
    return [value for key, value in open_graph(html) if key == name]


def named_meta(html: str) -> dict[str, str]:
    head = lxml_html.fromstring(html).head
    return {m.get("name"): m.get("content") for m in head.iter("meta") if m.get("name")}


def canonical(html: str) -> list[str]:
    return lxml_html.fromstring(html).head.xpath('link[@rel="canonical"]/@href')


def png(width: int = 400, height: int = 400) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 140)).save(data, "PNG")
    return SimpleUploadedFile("photo.png", data.getvalue(), content_type="image/png")


@pytest.mark.parametrize("kind", PAGES.keys())
def test_every_public_page_has_open_graph_twitter_and_canonical_tags(client, site, kind):
    url, canonical_path = PAGES[kind](site)
    html = page(client, url)
    props = og(html)
    for name in ("og:site_name", "og:title", "og:description", "og:type", "og:url", "og:image"):
        assert props.get(name), f"{name} missing on the {kind} page"
    assert props["og:site_name"] == "Dateline Daily"
    assert props["og:url"] == f"http://testserver{canonical_path}"
    assert canonical(html) == [props["og:url"]]
    assert props["og:image"].startswith("http://testserver/")
    assert props["og:image:alt"]
    assert props["og:locale"] == "en"
    twitter = named_meta(html)
    assert twitter["twitter:card"] == "summary_large_image"
    for name in TWITTER:
        assert twitter.get(name), f"{name} missing on the {kind} page"
    assert twitter["twitter:title"] == props["og:title"]
    assert twitter["twitter:image"] == props["og:image"]
    assert twitter["twitter:image:alt"] == props["og:image:alt"]


def test_the_article_is_shared_as_an_article_with_its_times_section_and_tags(client, site):
    html = page(client, site["story"].get_absolute_url())
    props = og(html)
    assert props["og:type"] == "article"
    assert props["og:title"] == "Minister thanks partners in an open letter"
    assert props["og:description"] == "The letter was read out in parliament."
    assert props["article:published_time"] == "2014-03-05T09:30:00+04:00"
    assert props["article:modified_time"] == "2014-03-05T09:30:00+04:00"
    assert props["article:section"] == "Politics"
    assert og_all(html, "article:tag") == ["Diplomacy", "Parliament"]
    assert og_all(html, "article:author") == [
        f"http://testserver/en/author/{site['reporter'].slug}/"
    ]


def test_an_updated_story_shares_its_update_time(client, site, clock):
    clock.advance(hours=1)
    publishing.record_edit(site["story"], {"body"})
    props = og(page(client, site["story"].get_absolute_url()))
    assert props["article:modified_time"] == "2014-03-05T12:30:00+04:00"


def test_a_page_without_a_picture_shares_the_default_image_with_its_size(client, site):
    for url in ("/en/", site["story"].get_absolute_url(), "/en/tag/diplomacy/"):
        props = og(page(client, url))
        assert props["og:image"] == DEFAULT_IMAGE
        assert (props["og:image:width"], props["og:image:height"]) == ("1200", "630")


def test_a_story_with_a_picture_shares_it_as_a_1200_pixel_jpeg_with_its_size(client, site):
    story = site["story"]
    story.picture = library_picture(width=1600, height=1200, alt="The minister at his desk")
    story.save()
    html = page(client, story.get_absolute_url())
    props = og(html)
    assert re.fullmatch(r"http://testserver/media/renditions/\d+/\w+-1200w\.jpg", props["og:image"])
    assert (props["og:image:width"], props["og:image:height"]) == ("1200", "900")
    assert props["og:image:alt"] == "The minister at his desk"
    assert named_meta(html)["twitter:image:alt"] == "The minister at his desk"


def test_an_authors_photo_is_their_pages_picture(client, site):
    reporter = site["reporter"]
    reporter.photo = png()
    reporter.save()
    props = og(page(client, f"/en/author/{reporter.slug}/"))
    assert props["og:type"] == "profile"
    assert props["og:image"] == f"http://testserver{reporter.photo.url}"


def test_a_configured_social_image_replaces_the_default(client, site, settings):
    settings.DATELINE_SOCIAL_IMAGE_URL = "https://cdn.example.org/share.png"
    props = og(page(client, "/en/politics/"))
    assert props["og:image"] == "https://cdn.example.org/share.png"
    assert "og:image:width" not in props


def test_the_twitter_handle_is_named_when_configured(client, site, settings):
    assert "twitter:site" not in named_meta(page(client, "/en/"))
    settings.DATELINE_TWITTER_SITE = "@datelinedaily"
    assert named_meta(page(client, "/en/"))["twitter:site"] == "@datelinedaily"


def test_every_url_is_on_the_public_url_when_one_is_configured(client, site, settings):
    settings.DATELINE_PUBLIC_URL = "https://news.example.org"
    for url, _ in (PAGES[kind](site) for kind in PAGES):
        html = page(client, url)
        props = og(html)
        assert props["og:url"].startswith("https://news.example.org/"), url
        assert props["og:image"].startswith("https://news.example.org/"), url
        assert canonical(html) == [props["og:url"]]


def test_descriptions_fall_back_to_the_tagline_and_are_cut_at_200_characters(client, site):
    assert og(page(client, "/en/tag/diplomacy/"))["og:description"] == (
        "News from the region and the world"
    )
    assert og(page(client, "/en/politics/"))["og:description"] == "Parliament and government."
    story = factories.article(sec=site["section"], lead="word " * 100, at=PUBLISHED_AT)
    description = og(page(client, story.get_absolute_url()))["og:description"]
    assert len(description) == 200
    assert description.endswith("…")


def test_quotes_and_markup_in_a_headline_survive_into_the_preview(client, site):
    headline = '"Enough" said <b>the minister</b> & left'
    story = factories.article(sec=site["section"], headline=headline, at=PUBLISHED_AT)
    html = page(client, story.get_absolute_url())
    assert og(html)["og:title"] == headline
    assert named_meta(html)["twitter:title"] == headline


def test_translations_are_announced_as_alternate_locales(client, site):
    az = factories.edition("az", name="Azərbaycanca", language="az")
    ru = factories.edition("ru", name="Русский", language="ru", position=2)
    factories.translation(site["story"], az)
    factories.translation(site["story"], ru)
    html = page(client, site["story"].get_absolute_url())
    assert og(html)["og:locale"] == "en"
    assert sorted(og_all(html, "og:locale:alternate")) == ["az", "ru"]


def test_a_later_listing_page_is_not_indexed_and_shares_the_first_page(client, site, settings):
    settings.DATELINE_PAGE_SIZE = 2
    factories.many_articles(5, sec=site["section"], authors=[site["reporter"]])
    first = page(client, f"/en/author/{site['reporter'].slug}/")
    older = lxml_html.fromstring(first).xpath('//a[@rel="next" or contains(., "Older")]/@href')
    assert older, "the author page should link to older stories"
    second = page(client, f"/en/author/{site['reporter'].slug}/{older[0]}")
    assert canonical(second) == []
    assert '<meta name="robots" content="noindex, follow">' in second
    assert og(second)["og:url"] == f"http://testserver/en/author/{site['reporter'].slug}/"


def test_pages_that_are_not_public_carry_no_preview(client, site):
    draft = factories.draft(sec=site["section"], headline="Not ready yet")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert b"og:title" not in response.content
    assert b"twitter:card" not in response.content
