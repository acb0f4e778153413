"""Readers get library pictures as <picture> elements: AVIF and WebP offered first, a JPEG for
everyone else, srcset and sizes so the browser picks the file, width and height so nothing
jumps, the lead picture fetched first and everything further down loaded lazily."""

import re
from datetime import timedelta

import html5lib
import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dateline.distribution.newsletters.composing import render_alert
from dateline.media.models import Rendition
from dateline.website.templatetags.reader import clean_body
from tests import factories
from tests.media_helpers import library_picture

pytestmark = pytest.mark.django_db

CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' %s ')"  # XPath for a CSS class


def parsed(page: str):
    """The page as a browser builds it: lxml's own parser predates <picture> and <source>."""
    return html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False)


def tree(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return parsed(response.content.decode())


def srcset_widths(value: str) -> list[int]:
    return [int(width) for width in re.findall(r" (\d+)w", value)]


def test_the_article_shows_its_picture_first_with_every_format_and_size(client):
    photo = library_picture(
        width=2400, height=1600, caption="Ferries at dawn.", credit="Photo: Caspian Wire"
    )
    story = factories.article(picture=photo)

    figure = tree(client, story.get_absolute_url()).xpath(f".//*[{CLASS % 'article__figure'}]")[0]

    avif, webp = figure.xpath(".//picture/source")
    img = figure.xpath(".//picture/img")[0]
    assert (avif.get("type"), webp.get("type")) == ("image/avif", "image/webp")
    for offer in (avif, webp, img):
        assert srcset_widths(offer.get("srcset")) == [320, 640, 960, 1280, 1920]
        assert offer.get("sizes") == "(min-width: 42rem) 40rem, calc(100vw - 2rem)"
    assert all(url.endswith(".avif") for url in avif.get("srcset").split(", ")[0].split()[:1])
    assert re.fullmatch(r"/media/renditions/\d+/\w+-1280w\.jpg", img.get("src"))
    assert (img.get("width"), img.get("height")) == ("1920", "1280")
    assert img.get("alt") == photo.alt
    assert (img.get("loading"), img.get("fetchpriority")) == ("eager", "high")
    assert (
        "".join(figure.xpath(".//figcaption")[0].itertext())
        == "Ferries at dawn. Photo: Caspian Wire"
    )


def test_the_print_version_shows_the_same_picture(client):
    story = factories.article(picture=library_picture())
    assert tree(client, story.get_print_url()).xpath(
        f".//*[{CLASS % 'article__figure'}]//picture/img"
    )


def test_the_first_top_story_is_fetched_first_and_the_rest_lazily(client):
    en = factories.edition("en")
    sec = factories.section(en)
    now = timezone.now()
    stories = [
        factories.article(
            sec=sec, picture=library_picture(), is_top_story=True, at=now - timedelta(hours=n)
        )
        for n in range(1, 4)
    ]

    top = tree(client, "/en/").xpath(f".//*[{CLASS % 'top-stories'}]")[0]

    lead = top.xpath(f".//*[{CLASS % 'lead-story'}]//picture/img")[0]
    assert (lead.get("loading"), lead.get("fetchpriority")) == ("eager", "high")
    assert "lead-story__image" in lead.get("class")
    assert re.search(r"-16x9-960w\.jpg$", lead.get("src"))  # cropped to the layout's 16:9
    assert lead.get("alt") == ""  # beside a headline that says it all
    others = top.xpath(f".//*[{CLASS % 'story-item'}]//picture/img")
    assert len(others) == len(stories) - 1
    for img in others:
        assert (img.get("loading"), img.get("fetchpriority")) == ("lazy", None)
        assert img.get("sizes") == "8rem" and srcset_widths(img.get("srcset")) == [160, 320, 480]
        assert (img.get("width"), img.get("height")) == ("480", "360")


def test_a_section_lists_its_stories_with_lazy_thumbnails(client):
    sec = factories.section(factories.edition("en"))
    factories.article(sec=sec, picture=library_picture())
    factories.article(sec=sec)  # no picture: no empty frame either

    listing = tree(client, sec.get_absolute_url()).xpath(f".//*[{CLASS % 'listing'}]")[0]

    (img,) = listing.xpath(".//picture/img")
    assert img.get("loading") == "lazy" and img.get("decoding") == "async"
    assert len(listing.xpath(f".//*[{CLASS % 'story-item--image'}]")) == 1


def body_with(*pictures, extra: str = "") -> str:
    return extra + "".join(
        f'<figure><img src="{p.file.url}" alt="{p.alt}" width="{p.width}" height="{p.height}" '
        f'data-image-id="{p.pk}"><figcaption>{p.caption}</figcaption></figure>'
        for p in pictures
    )


def test_pictures_in_the_body_become_responsive_and_keep_their_captions(client):
    photo = library_picture(caption="The old town from the sea.")
    story = factories.article(
        body=body_with(photo, extra='<p>Before.</p><p><img src="/media/elsewhere/map.png"></p>')
    )

    body = tree(client, story.get_absolute_url()).xpath(f".//*[{CLASS % 'article__body'}]")[0]

    figure = body.xpath(".//figure")[0]
    img = figure.xpath(".//picture/img")[0]
    assert img.get("loading") == "lazy" and img.get("alt") == photo.alt
    assert (img.get("width"), img.get("height")) == ("960", "720")
    assert len(figure.xpath(".//picture/source")) == 2
    assert figure.xpath(".//figcaption")[0].text == "The old town from the sea."
    # A picture the library does not know stays as written.
    assert body.xpath('.//p/img[@src="/media/elsewhere/map.png"]')


def test_a_body_picture_found_by_its_address_when_the_id_is_missing(client):
    photo = library_picture()
    story = factories.article(body=f'<figure><img src="{photo.file.url}" alt="Ferries"></figure>')
    img = tree(client, story.get_absolute_url()).xpath(
        f".//*[{CLASS % 'article__body'}]//picture/img"
    )[0]
    assert img.get("alt") == "Ferries" and img.get("srcset")


def test_the_body_costs_one_query_however_many_pictures_it_holds():
    pictures = [library_picture(width=400, height=300) for _ in range(5)]

    def queries(body: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            clean_body(body)
        return len(captured.captured_queries)

    assert queries("<p>No pictures.</p>") == 0
    assert queries(body_with(pictures[0])) == queries(body_with(*pictures)) == 1
    assert str(clean_body(body_with(*pictures))).count("<picture>") == 5


def test_the_tag_prints_nothing_for_a_story_without_a_picture():
    rendered = Template("{% load pictures %}[{% picture None %}]").render(Context())
    assert rendered == "[]"


def test_picture_markup_carries_no_inline_style(client):
    story = factories.article(picture=library_picture(), is_top_story=True)
    for url in (story.get_absolute_url(), "/en/", story.section.get_absolute_url()):
        assert " style=" not in client.get(url).content.decode()


def test_a_breaking_alert_shows_the_picture_as_an_absolute_jpeg():
    photo = library_picture(width=2000, height=1000, credit="Photo: Caspian Wire")
    story = factories.article(picture=photo, is_breaking=True)

    _, _, html = render_alert(story, base_url="https://news.example.org")

    img = parsed(html).xpath(f".//*[{CLASS % 'picture'}]//img")[0]
    rendition = Rendition.objects.get(
        file=img.get("src").removeprefix("https://news.example.org/media/")
    )
    assert rendition.format == "jpeg" and rendition.width == 1280
    assert (img.get("width"), img.get("height")) == ("600", "300")
    assert img.get("alt") == photo.alt and "Photo: Caspian Wire" in html
