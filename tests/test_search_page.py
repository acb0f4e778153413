"""The reader's search page, the browser's OpenSearch description, and the newsroom search."""

import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import extruct
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dateline.news.models import Genre
from tests import factories


def get(path: str, client: Client | None = None, **params):
    return (client or Client()).get(path, params)


def text(response) -> str:
    """The page's text without tags, spaces collapsed: what a reader reads."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def harbour(newsdesk):
    """A few stories about a harbour, one of them an opinion piece, and a draft."""
    stories = [
        newsdesk.publish(
            headline=f"Harbour works, week {n}",
            lead="Cranes arrive at the new terminal.",
            at=timezone.now() - timedelta(hours=n),
        )
        for n in range(1, 4)
    ]
    stories.append(
        newsdesk.publish(
            headline="Why the harbour matters", genre=Genre.OPINION, lead="A view from the pier."
        )
    )
    factories.draft(sec=newsdesk.english, headline="Harbour secret plan")
    return stories


def test_results_show_the_count_highlighted_words_and_the_query_in_the_box(harbour):
    response = get("/en/search/", q="harbour cranes")
    html = response.content.decode()

    assert response.status_code == 200
    assert "3 results" in html
    assert html.count("<mark>Harbour</mark>") == 3
    assert "<mark>Cranes</mark>" in html
    assert 'value="harbour cranes"' in html
    assert "secret" not in html


def test_the_page_is_not_indexed_nor_kept_by_shared_caches_and_sets_no_cookie(harbour):
    response = get("/en/search/", q="harbour")

    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert not response.cookies


def test_filters_and_order_come_from_the_form(harbour):
    response = get("/en/search/", q="harbour", genre=Genre.OPINION)
    assert "1 result for “harbour”" in text(response)
    assert "Why the <mark>harbour</mark> matters" in response.content.decode()

    html = get("/en/search/", q="harbour", sort="newest").content.decode()
    headlines = re.findall(r'story-item__headline"><a href="[^"]+">(.*?)</a>', html)
    assert [re.sub("<[^>]+>", "", h) for h in headlines] == [
        "Why the harbour matters",
        "Harbour works, week 1",
        "Harbour works, week 2",
        "Harbour works, week 3",
    ]


def test_the_next_page_keeps_the_query_and_filters(harbour, settings):
    settings.DATELINE_SEARCH_PAGE_SIZE = 2
    first = get("/en/search/", q="harbour", sort="newest", section="politics").content.decode()
    (link,) = re.findall(r'class="pager__next" rel="next" href="([^"]+)"', first)
    link = link.replace("&amp;", "&")
    assert "q=harbour" in link and "sort=newest" in link and "section=politics" in link

    second = text(Client().get("/en/search/" + link))
    assert "Harbour works, week 2" in second and "Harbour works, week 3" in second
    assert "Harbour works, week 1" not in second


def test_an_empty_search_shows_the_form_and_costs_no_allowance(harbour, settings):
    settings.DATELINE_SEARCH_PER_IP_MINUTE = 1
    for _ in range(3):
        response = get("/en/search/")
        assert response.status_code == 200
        assert 'role="search"' in response.content.decode()
    assert get("/en/search/", q="harbour").status_code == 200


def test_only_exclusions_ask_for_a_word(harbour):
    page = text(get("/en/search/", q="-harbour"))
    assert "Type a word to search for" in page
    assert "results" not in page


def test_bad_dates_get_a_message_on_the_page(harbour):
    response = get("/en/search/", q="harbour", since="the 5th of March")
    assert response.status_code == 200
    assert "Enter a date like 2026-03-05." in response.content.decode()

    response = get("/en/search/", q="harbour", since="2026-03-05", until="2026-03-01")
    assert "The end date is before the start date." in response.content.decode()


def test_a_damaged_page_link_gets_a_clear_400(harbour):
    response = get("/en/search/", q="harbour", before="not-a-cursor")
    assert response.status_code == 400
    assert "This page link is damaged" in response.content.decode()


def test_searches_are_rate_limited_per_reader(harbour, settings):
    settings.DATELINE_SEARCH_PER_IP_MINUTE = 3
    reader = Client(REMOTE_ADDR="198.51.100.7")
    statuses = [get("/en/search/", reader, q=f"harbour {n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]

    refused = get("/en/search/", reader, q="harbour")
    assert refused["Retry-After"] == "60"
    assert "Please wait a moment" in refused.content.decode()
    assert 'value="harbour"' in refused.content.decode()  # the query is kept
    assert get("/en/search/", Client(REMOTE_ADDR="198.51.100.8"), q="harbour").status_code == 200


def test_the_query_count_does_not_grow_with_the_results(newsdesk, settings):
    def queries(count: int) -> tuple[list[str], int]:
        word = f"word{count}"
        for n in range(count):
            newsdesk.publish(headline=f"Story {n} about {word}", authors=[factories.author()])
        reader = Client()
        get("/en/search/", reader, q="warm")  # the reader's rate-limit counter exists
        with CaptureQueriesContext(connection) as captured:
            assert get("/en/search/", reader, q=word).status_code == 200
        sql = [query["sql"] for query in captured]
        index = [q for q in sql if "search_fts" in q or "search_searchdocument" in q]
        page = [re.sub(r'"s\d+_x\d+"', "", q.split(" WHERE ")[0]) for q in sql if q not in index]
        return page, len(index)

    few, few_index = queries(2)
    many, many_index = queries(25)
    assert few == many  # the page: the same queries for 2 results as for a full page
    # The index: one walk on SQLite (and the page's keys); on PostgreSQL widening spans of
    # time, four at most (search/engines/postgres.py).
    assert few_index <= 4 and many_index <= 4


def test_every_page_offers_search_and_browsers_find_the_opensearch_description(newsdesk):
    html = get("/en/").content.decode()
    assert 'action="/en/search/"' in html
    (link,) = re.findall(
        r'<link rel="search" type="application/opensearchdescription\+xml"[^>]+>', html
    )
    assert 'href="/en/search/opensearch.xml"' in link

    response = get("/en/search/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    url = root.find("os:Url", ns)
    assert url is not None and url.get("type") == "text/html"
    assert url.get("template") == "http://testserver/en/search/?q={searchTerms}"
    assert len(root.findtext("os:ShortName", namespaces=ns)) <= 16


def test_the_home_page_tells_search_engines_how_to_search_the_site(newsdesk):
    html = get("/en/").content.decode()
    documents = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])
    nodes = [
        node
        for document in documents["json-ld"]
        for node in document.get("@graph", [document])
        if node.get("@type") == "WebSite"
    ]
    (action,) = [node["potentialAction"] for node in nodes]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == (
        "http://testserver/en/search/?q={search_term_string}"
    )
    assert action["query-input"] == "required name=search_term_string"
    json.dumps(action)


def test_the_newsroom_searches_live_stories_through_the_index_and_drafts_by_headline(newsdesk):
    live = newsdesk.publish(headline="Budget adopted", body="<p>The vote on tramways.</p>")
    factories.draft(sec=newsdesk.english, headline="Tramways plan, draft")
    newsdesk.publish(headline="Weather")
    chief = Client()
    chief.force_login(factories.chief_editor())

    html = chief.get("/newsroom/news/article/", {"q": "tramways"}).content.decode()

    assert live.headline in html  # found by a word of its body
    assert "Tramways plan, draft" in html
    assert "Weather" not in html
