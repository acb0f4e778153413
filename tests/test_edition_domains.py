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
    # The section front of each edition: its section in the navigation marked as this page.
    assert '<a href="/world/" aria-current="page">' in az_page
    assert domains["az"].headline in az_page and domains["ru"].headline not in az_page
    assert domains["ru"].headline in ru_page and domains["az"].headline not in ru_page


def test_an_unknown_address_on_an_edition_domain_is_the_editions_404_page(domains):
    for path in ("/no/such/page/", "/wp-login.php", f"/news/{domains['az'].pk}-x/extra/"):
        response = get(AZ, path)
        assert response.status_code == 404, path
        html = response.content.decode()
        assert '<html lang="az"' in html  # the site's own page, in the edition's language
        assert "Not Found" not in html


def test_a_recommendation_sent_from_an_edition_domain_links_to_the_story_there(domains):
    from django.urls import set_urlconf

    from dateline.distribution.recommend.sending import Letter, compose
    from dateline.website.domains import urlconf_for

    az = domains["az"]
    letter = Letter(sender_name="A", sender_email="a@example.org", friend_name="B",
                    friend_email="b@example.org")  # fmt: skip
    set_urlconf(urlconf_for("az"))  # as while answering the form on oxu.example
    try:
        message = compose(az, letter, base_url=f"http://{MAIN}")
    finally:
        set_urlconf(None)
    assert f"http://{AZ}/news/{az.pk}-{az.slug}/" in message["body_text"]
    assert f"http://{MAIN}/recommendations/stop/" in message["body_text"]


def test_site_wide_addresses_still_answer_on_an_edition_domain(domains):
    assert get(AZ, "/robots.txt").status_code == 200
    assert get(AZ, "/newsroom/").status_code == 302  # to the sign-in page
    assert get(AZ, "/sitemap.xml").status_code == 200


def test_feeds_and_sitemaps_put_stories_on_their_editions_domain(domains):
    az, ru = domains["az"], domains["ru"]
    feed = get(AZ, "/feeds/rss.xml").content.decode()  # the edition's own feed on its domain
    assert f"http://{AZ}/news/{az.pk}-{az.slug}/" in feed
    assert domains["en"].headline not in feed
    sitemap = text(RU, "/sitemap-ru-news.xml")
    assert f"http://{RU}/news/{ru.pk}-{ru.slug}/" in sitemap
    assert get(MAIN, "/sitemap-ru-news.xml").status_code == 404  # on its own host only
    assert get(AZ, "/sitemap-en-news.xml").status_code == 404
    # Each host's index lists the sitemaps on that host: an edition's on its domain.
    index = get(MAIN, "/sitemap.xml").content.decode()
    assert f"http://{MAIN}/sitemap-en-" in index
    assert "sitemap-ru-" not in index and "sitemap-az-" not in index
    index = get(RU, "/sitemap.xml").content.decode()
    assert f"http://{RU}/sitemap-ru-" in index and "sitemap-en-" not in index
    robots = get(AZ, "/robots.txt").content.decode()
    assert f"Sitemap: http://{AZ}/sitemap.xml" in robots


@pytest.mark.parametrize(
    "setting",
    [["az"], ["az="], ["azerbaijan=oxu.example"], ["az=ftp://oxu.example"],
     ["az=oxu.example/news"], ["az=oxu.example", "ru=oxu.example"], ["az=user@oxu.example"],
     ["az=oxu.example:abc"]],
)  # fmt: skip
def test_a_mistyped_setting_stops_the_start(setting):
    with pytest.raises(ConfigurationError, match="DATELINE_EDITION_DOMAINS"):
        edition_domains(setting)


def test_start_up_checks_warn_about_a_missing_main_address_and_missing_translations(
    settings, tmp_path
):
    from dateline.operations.checks import edition_domains_have_a_home, translations_are_compiled

    settings.DATELINE_EDITION_DOMAINS = edition_domains([f"az={AZ}"])
    settings.DATELINE_PUBLIC_URL = ""
    assert [w.id for w in edition_domains_have_a_home(None)] == ["dateline.W010"]
    assert translations_are_compiled(None) == []  # make install compiled them
    settings.LOCALE_PATHS = [tmp_path]
    assert [w.id for w in translations_are_compiled(None)] == ["dateline.W011"]
