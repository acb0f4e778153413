"""Every story describes itself to search engines in JSON-LD, read back here by extruct as a
crawler would: the schema.org type of its genre, the properties Google recommends, and a
breadcrumb trail; the home page describes the outlet and its site."""

import json
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import extruct
import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from dateline.distribution.structured_data.genres import GENRE_TYPES
from dateline.news import publishing
from dateline.news.models import Genre
from tests import factories
from tests.media_helpers import library_picture

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime(2014, 3, 5, 5, 30, tzinfo=UTC)  # 09:30 in Baku (GMT+4)
VALIDATOR_PYTHON = Path("/opt/validators/venv/bin/python")
VALIDATORS = Path(__file__).resolve().parents[2] / "shared" / "validators"
SDTT = Path("/opt/validators/node/node_modules/.bin/sdtt")

GENRE_TYPE = {
    Genre.NEWS: "ReportageNewsArticle",
    Genre.ANALYSIS: "AnalysisNewsArticle",
    Genre.OPINION: "OpinionNewsArticle",
    Genre.INTERVIEW: "NewsArticle",
    Genre.OFFICIAL_STATEMENT: "NewsArticle",
    Genre.PRESS_RELEASE: "NewsArticle",
    Genre.SPONSORED: "AdvertiserContentArticle",
    Genre.AGENCY: "NewsArticle",
}


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, PUBLISHED_AT + timedelta(hours=2))


@pytest.fixture
def politics(db):
    return factories.section(factories.edition("en", time_zone="Asia/Baku"), name="Politics")


@pytest.fixture
def reporters(db):
    return [factories.author("Leyla Aliyeva"), factories.author("Tom Baker")]


@pytest.fixture
def story(clock, politics, reporters):
    story = factories.article(
        sec=politics,
        headline="Minister thanks partners in an open letter",
        slug="minister-thanks-partners",
        lead="The letter was read out in parliament.",
        authors=reporters,
        at=PUBLISHED_AT,
    )
    story.tags.add(factories.tag("Diplomacy"), factories.tag("Parliament"))
    return story


def json_ld_nodes(html: str) -> list[dict]:
    """Every JSON-LD node on the page, ``@graph`` members included, as extruct reads them."""
    nodes: list[dict] = []
    for document in extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])[
        "json-ld"
    ]:
        nodes.extend(document.get("@graph", [document]))
    return nodes


def node_of_type(nodes: list[dict], kind: str) -> dict:
    found = [node for node in nodes if node.get("@type") == kind]
    assert len(found) == 1, f"expected one {kind} among {[n.get('@type') for n in nodes]}"
    return found[0]


def article_node(nodes: list[dict]) -> dict:
    found = [node for node in nodes if node.get("@type") != "BreadcrumbList"]
    assert len(found) == 1, [n.get("@type") for n in nodes]
    return found[0]


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


class TestTypes:
    @pytest.mark.parametrize("genre", list(Genre))
    def test_each_genre_is_published_as_its_schema_org_type(self, client, clock, politics, genre):
        story = factories.article(sec=politics, genre=genre, at=PUBLISHED_AT)
        node = article_node(json_ld_nodes(page(client, story.get_absolute_url())))
        assert node["@type"] == GENRE_TYPE[genre]

    def test_every_genre_has_a_row_in_the_type_table(self):
        assert set(GENRE_TYPES) == set(Genre.values)

    @pytest.mark.parametrize(
        ("genre", "label"),
        [
            (Genre.INTERVIEW, "Interview"),
            (Genre.OFFICIAL_STATEMENT, "Official statement"),
            (Genre.PRESS_RELEASE, "Press release"),
            (Genre.SPONSORED, "Sponsored"),
        ],
    )
    def test_a_genre_without_its_own_type_is_named_in_genre(
        self, client, clock, politics, genre, label
    ):
        story = factories.article(sec=politics, genre=genre, at=PUBLISHED_AT)
        node = article_node(json_ld_nodes(page(client, story.get_absolute_url())))
        assert node["genre"] == label

    def test_agency_copy_names_the_agency_as_its_source_organization(self, client, clock, politics):
        wire = factories.source("Caspian Wire")
        wire.url = "https://wire.example.org/"
        wire.save()
        story = factories.article(sec=politics, genre=Genre.AGENCY, source=wire, at=PUBLISHED_AT)
        node = article_node(json_ld_nodes(page(client, story.get_absolute_url())))
        assert node["sourceOrganization"] == {
            "@type": "Organization",
            "name": "Caspian Wire",
            "url": "https://wire.example.org/",
        }


class TestArticleProperties:
    def test_the_article_has_every_property_google_recommends(self, client, story, reporters):
        node = article_node(json_ld_nodes(page(client, story.get_absolute_url())))
        url = f"http://testserver/en/news/{story.pk}-minister-thanks-partners/"
        assert node["headline"] == "Minister thanks partners in an open letter"
        assert node["url"] == url
        assert node["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
        assert node["description"] == "The letter was read out in parliament."
        assert node["inLanguage"] == "en"
        assert node["articleSection"] == "Politics"
        assert node["isAccessibleForFree"] is True
        assert node["keywords"] == ["Diplomacy", "Parliament"]
        assert node["author"] == [
            {
                "@type": "Person",
                "name": person.name,
                "url": f"http://testserver/en/author/{person.slug}/",
            }
            for person in reporters
        ]

    def test_dates_are_iso_8601_in_the_editions_zone_with_its_offset(self, client, story):
        node = article_node(json_ld_nodes(page(client, story.get_absolute_url())))
        assert node["datePublished"] == "2014-03-05T09:30:00+04:00"
        assert node["dateModified"] == "2014-03-05T09:30:00+04:00"  # never updated
        assert datetime.fromisoformat(node["datePublished"]) == PUBLISHED_AT

    def test_an_updated_story_is_modified_at_its_last_public_update(self, client, story, clock):
        clock.advance(minutes=45)
        publishing.record_edit(story, {"body"})
        node = article_node(json_ld_nodes(page(client, story.get_absolute_url())))
        assert node["datePublished"] == "2014-03-05T09:30:00+04:00"
        assert node["dateModified"] == "2014-03-05T12:15:00+04:00"

    def test_the_publisher_is_the_outlet_with_its_default_logo(self, client, story):
        publisher = article_node(json_ld_nodes(page(client, story.get_absolute_url())))["publisher"]
        assert publisher["@type"] == "Organization"
        assert publisher["name"] == "Dateline Daily"
        assert publisher["url"] == "http://testserver/"
        assert publisher["logo"] == {
            "@type": "ImageObject",
            "url": "http://testserver/static/distribution/logo.png",
            "width": 512,
            "height": 512,
        }

    def test_a_configured_logo_is_the_publishers_logo(self, client, story, settings):
        settings.DATELINE_LOGO_URL = "/media/brand/logo.png"
        publisher = article_node(json_ld_nodes(page(client, story.get_absolute_url())))["publisher"]
        assert publisher["logo"] == {
            "@type": "ImageObject",
            "url": "http://testserver/media/brand/logo.png",
        }

    def test_a_story_without_a_picture_shows_the_default_social_image(self, client, story):
        node = article_node(json_ld_nodes(page(client, story.get_absolute_url())))
        assert node["image"] == {
            "@type": "ImageObject",
            "url": "http://testserver/static/distribution/social-default.png",
            "width": 1200,
            "height": 630,
        }

    def test_a_story_with_a_picture_shows_it_with_size_caption_and_credit(self, client, story):
        story.picture = library_picture(
            width=2000,
            height=1000,
            caption="The letter on the minister's desk.",
            credit="Photo: Press service",
        )
        story.save()
        node = article_node(json_ld_nodes(page(client, story.get_absolute_url())))
        assert re.fullmatch(
            r"http://testserver/media/renditions/\d+/\w+-1200w\.jpg", node["image"]["url"]
        )
        assert (node["image"]["width"], node["image"]["height"]) == (1200, 600)
        assert node["image"]["caption"] == "The letter on the minister's desk."
        assert node["image"]["creditText"] == "Photo: Press service"

    def test_a_story_without_a_byline_is_credited_to_the_outlet(self, client, clock, politics):
        story = factories.article(sec=politics, at=PUBLISHED_AT)
        node = article_node(json_ld_nodes(page(client, story.get_absolute_url())))
        assert node["author"] == [
            {"@type": "Organization", "name": "Dateline Daily", "url": "http://testserver/"}
        ]

    def test_every_url_is_on_the_public_url_when_one_is_configured(self, client, story, settings):
        settings.DATELINE_PUBLIC_URL = "https://news.example.org"
        html = page(client, story.get_absolute_url())
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        urls = re.findall(r'"(?:url|@id|item)": "([^"]+)"', block.group(1))
        assert urls
        assert all(url.startswith("https://news.example.org/") for url in urls), urls


class TestBreadcrumbs:
    def test_the_breadcrumb_leads_from_the_site_through_the_section_to_the_story(
        self, client, story
    ):
        trail = node_of_type(
            json_ld_nodes(page(client, story.get_absolute_url())), "BreadcrumbList"
        )
        assert trail["itemListElement"] == [
            {
                "@type": "ListItem",
                "position": 1,
                "name": "Dateline Daily",
                "item": "http://testserver/en/",
            },
            {
                "@type": "ListItem",
                "position": 2,
                "name": "Politics",
                "item": "http://testserver/en/politics/",
            },
            {
                "@type": "ListItem",
                "position": 3,
                "name": "Minister thanks partners in an open letter",
                "item": f"http://testserver/en/news/{story.pk}-minister-thanks-partners/",
            },
        ]


class TestEscaping:
    HOSTILE = "</script><script>alert(1)</script> & <!-- “quotes” 'too'"

    def test_a_headline_that_closes_the_script_stays_inside_the_json_ld(
        self, client, clock, politics
    ):
        story = factories.article(sec=politics, headline=self.HOSTILE, at=PUBLISHED_AT)
        html = page(client, story.get_absolute_url())
        assert "<script>alert(1)" not in html
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1
        article, trail = json.loads(blocks[0])
        assert article["headline"] == self.HOSTILE
        assert trail["itemListElement"][2]["name"] == self.HOSTILE
        assert article_node(json_ld_nodes(html))["headline"] == self.HOSTILE


class TestWhereItAppears:
    def test_the_home_page_describes_the_outlet_and_its_site(self, client, story, settings):
        settings.DATELINE_SOCIAL_LINKS = [
            ("Facebook", "https://facebook.example/dateline"),
            ("X", "https://x.example/dateline"),
        ]
        nodes = json_ld_nodes(page(client, "/en/"))
        organization = node_of_type(nodes, "Organization")
        assert organization["name"] == "Dateline Daily"
        assert organization["url"] == "http://testserver/"
        assert organization["logo"]["url"] == "http://testserver/static/distribution/logo.png"
        assert organization["sameAs"] == [
            "https://facebook.example/dateline",
            "https://x.example/dateline",
        ]
        site = node_of_type(nodes, "WebSite")
        assert site["name"] == "Dateline Daily"
        assert site["url"] == "http://testserver/en/"
        assert site["inLanguage"] == "en"
        assert site["publisher"] == {"@id": organization["@id"]}

    def test_the_site_root_describes_the_default_edition(self, client, story):
        site = node_of_type(json_ld_nodes(page(client, "/")), "WebSite")
        assert site["url"] == "http://testserver/en/"

    def test_an_outlet_without_social_links_has_no_same_as(self, client, story, settings):
        settings.DATELINE_SOCIAL_LINKS = []
        assert "sameAs" not in node_of_type(json_ld_nodes(page(client, "/en/")), "Organization")

    @pytest.mark.parametrize("kind", ["section", "author", "tag", "archive"])
    def test_listing_pages_claim_no_article(self, client, story, reporters, kind):
        url = {
            "section": "/en/politics/",
            "author": f"/en/author/{reporters[0].slug}/",
            "tag": "/en/tag/diplomacy/",
            "archive": "/en/archive/2014/03/05/",
        }[kind]
        assert json_ld_nodes(page(client, url)) == []

    def test_a_draft_has_no_page_and_so_no_structured_data(self, client, clock, politics):
        draft = factories.draft(sec=politics, headline="Not ready yet")
        response = client.get(draft.get_absolute_url())
        assert response.status_code == 404
        assert b"application/ld+json" not in response.content

    def test_the_newsroom_preview_of_a_draft_carries_no_structured_data(
        self, client, clock, politics
    ):
        draft = factories.draft(sec=politics, headline="Not ready yet")
        client.force_login(factories.editor())
        response = client.get(f"/newsroom/news/article/{draft.pk}/preview/")
        assert response.status_code == 200
        assert b"application/ld+json" not in response.content
        assert b"og:title" not in response.content


def test_building_the_structured_data_and_preview_costs_no_query(story, django_assert_num_queries):
    """What the article page has loaded is enough (tests/test_query_counts.py counts pages)."""
    from django.db.models import Prefetch
    from django.test import RequestFactory

    from dateline.distribution.structured_data import articles, outlet, previews
    from dateline.news.models import Article, Author

    loaded = (
        Article.objects.select_related("edition", "section__edition", "source")
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.order_by("articleauthor__position")),
            "tags",
            "corrections",
        )
        .get(pk=story.pk)
    )
    request = RequestFactory().get(loaded.get_absolute_url())
    with django_assert_num_queries(0):
        articles.news_article(request, loaded, loaded.edition)
        articles.breadcrumbs(request, loaded, loaded.edition)
        previews.article_preview(request, loaded, loaded.edition, translations=[])
        outlet.organization(request)
        outlet.website(request, loaded.edition)


def test_the_default_images_are_pngs_of_the_sizes_the_markup_states():
    for name, size in [("logo.png", (512, 512)), ("social-default.png", (1200, 630))]:
        found = finders.find(f"distribution/{name}")
        assert found, name
        with Image.open(found) as image:
            assert (image.format, image.size) == ("PNG", size)


@pytest.mark.validators
@pytest.mark.parametrize("checker", ["check-jsonld.py", "structured-data.sh"])
def test_the_article_page_passes_the_shared_validators(client, story, tmp_path, checker):
    """The offline stand-ins for Google's Rich Results Test (../shared/validators/README.md)."""
    script = VALIDATORS / checker
    needs = [script, VALIDATOR_PYTHON if checker.endswith(".py") else SDTT]
    missing = [str(path) for path in needs if not path.exists()]
    if missing:
        pytest.skip(
            f"the shared validators are not installed (missing {', '.join(missing)}): "
            "run `bash /work/shared/validators/setup.sh`"
        )
    saved = tmp_path / "article.html"
    saved.write_text(page(client, story.get_absolute_url()), encoding="utf-8")
    command = [str(VALIDATOR_PYTHON) if checker.endswith(".py") else "bash", str(script)]
    result = subprocess.run(
        [*command, str(saved)], capture_output=True, text=True, timeout=300, check=False
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    # Both checkers pass a page they found nothing on; make sure they read the article.
    assert "ReportageNewsArticle" in report, report
    assert "WARN" not in report, report
