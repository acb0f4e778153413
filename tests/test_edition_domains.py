"""An edition served at the root of its own domain (DATELINE_EDITION_DOMAINS).

The Azerbaijani edition lives at oxu.example and the Russian one at ru.example; English stays
under /en/ on the site's own host. Links, canonical addresses, hreflang, feeds and sitemaps
name each page on its edition's domain, and an old prefixed address redirects there.
"""

import pytest
from django.test import Client

from dateline.lib.edition_domains import edition_domains
from dateline.lib.environment import ConfigurationError
from tests import factories

pytestmark = pytest.mark.django_db

AZ, RU, MAIN = "oxu.example", "ru.example", "news.example"


@pytest.fixture
def domains(settings):
    settings.DATELINE_EDITION_DOMAINS = edition_domains([f"az={AZ}", f"ru={RU}"])
    settings.ALLOWED_HOSTS = [AZ, RU, MAIN, "testserver"]
    settings.DATELINE_PUBLIC_URL = f"http://{MAIN}"
    en = factories.edition("en")
    az = factories.edition("az", position=1)
    ru = factories.edition("ru", position=2)
    story = factories.article(sec=factories.section(en, name="World", slug="world"))
    versions = {
        "en": story,
        "az": factories.translation(story, az, headline="Dünya xəbəri", slug="dunya-xeberi"),
        "ru": factories.translation(story, ru, headline="Новость мира", slug="novost-mira"),
    }
    return versions


def get(host: str, path: str):
    return Client(HTTP_HOST=host).get(path)


def text(host: str, path: str) -> str:
    return b"".join(get(host, path).streaming_content).decode()


def test_the_edition_front_is_at_the_root_of_its_domain(domains):
    response = get(AZ, "/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="az"' in html
    story = domains["az"]
    assert f'href="/news/{story.pk}-{story.slug}/"' in html  # its own links carry no prefix
    assert 'href="/az/' not in html


def test_a_story_on_its_domain_names_every_translation_on_theirs(domains):
    az, ru, en = domains["az"], domains["ru"], domains["en"]
    response = get(AZ, f"/news/{az.pk}-{az.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<link rel="canonical" href="http://{AZ}/news/{az.pk}-{az.slug}/">' in html
    assert f'hreflang="ru" href="http://{RU}/news/{ru.pk}-{ru.slug}/"' in html
    assert f'hreflang="en" href="http://{MAIN}/en/news/{en.pk}-{en.slug}/"' in html
    # The switcher leads readers to the other domains as well.
    switcher = html.split('class="editions"', 1)[1].split("</nav>", 1)[0]
    assert f"http://{RU}/news/{ru.pk}-{ru.slug}/" in switcher
    assert f"http://{MAIN}/en/news/{en.pk}-{en.slug}/" in switcher


def test_a_prefixed_address_redirects_to_the_editions_domain(domains):
    az = domains["az"]
    for host in (MAIN, AZ, RU):
        response = get(host, f"/az/news/{az.pk}-{az.slug}/?utm=x")
        assert response.status_code == 301
        assert response["Location"] == f"http://{AZ}/news/{az.pk}-{az.slug}/?utm=x"


def test_an_edition_without_a_domain_stays_under_its_prefix(domains):
    en = domains["en"]
    assert get(MAIN, en.get_absolute_url()).status_code == 200


def test_each_domain_serves_its_own_edition_at_the_same_path(domains):
    az_page = get(AZ, "/world/").content.decode()
    ru_page = get(RU, "/world/").content.decode()
    assert domains["az"].headline in az_page
    assert domains["ru"].headline in ru_page
    assert domains["ru"].headline not in az_page


def test_site_wide_addresses_still_answer_on_an_edition_domain(domains):
    assert get(AZ, "/robots.txt").status_code == 200
    assert get(AZ, "/newsroom/").status_code == 302  # to the sign-in page
    assert get(AZ, "/sitemap.xml").status_code == 200


def test_feeds_and_sitemaps_put_stories_on_their_editions_domain(domains):
    az, ru = domains["az"], domains["ru"]
    feed = get(AZ, "/feeds/rss.xml").content.decode()  # the edition's own feed on its domain
    assert f"http://{AZ}/news/{az.pk}-{az.slug}/" in feed
    assert domains["en"].headline not in feed
    sitemap = text(MAIN, "/sitemap-ru-news.xml")
    assert f"http://{RU}/news/{ru.pk}-{ru.slug}/" in sitemap
    index = get(MAIN, "/sitemap.xml").content.decode()
    assert f"http://{RU}/sitemap-ru-" in index
    assert f"http://{MAIN}/sitemap-en-" in index


@pytest.mark.parametrize(
    "setting",
    [["az"], ["az="], ["azerbaijan=oxu.example"], ["az=ftp://oxu.example"],
     ["az=oxu.example/news"], ["az=oxu.example", "ru=oxu.example"]],
)  # fmt: skip
def test_a_mistyped_setting_stops_the_start(setting):
    with pytest.raises(ConfigurationError, match="DATELINE_EDITION_DOMAINS"):
        edition_domains(setting)
