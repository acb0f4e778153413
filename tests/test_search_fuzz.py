# Azerbaijani and Cyrillic letters are part of the fuzzed alphabet.
# ruff: noqa: RUF001
"""No query breaks search: hypothesis types the worst a reader (or a bot) can, on whichever
engine the suite runs on (SQLite FTS5, or PostgreSQL with DATABASE_URL).

Each query must come back as results or an empty page — never an exception from the engine's
query parser, a database error, or a 500 — and an injection attempt must find nothing it
should not.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.search.engines.base import Sort
from tests.search_helpers import search

# What the engines' own query languages and SQL would read as syntax.
OPERATORS = [
    '"', "'", "*", "-", "^", ":", "(", ")", "{", "}", "[", "]", "+", "~", "&", "|", "!",
    "<->", "<2>", ":*", "\\", "%", "_", ";", "--", "/*", "*/", "NEAR", "NEAR(", "AND", "OR",
    "NOT", "and", "or", "not", "'; DROP TABLE news_article; --", "1=1", "' OR '1'='1",
    "headline:", "{headline}", "rowid", "bm25(", "\x00", "\x01", "\x1b", "\u200b", "\ufeff",
    "\ud7ff", "ə", "İ", "ı", "ё", "Ё", "ß", "ﬁ", "𝔘", "😀", "e\u0301", "\u0307", "٣", "²",
]  # fmt: skip
WORDS = ["harbour", "harbours", "crane", "seher", "şəhər", "город", "x", "a", "12", "5.2"]

queries = st.lists(
    st.one_of(
        st.sampled_from(OPERATORS),
        st.sampled_from(WORDS),
        st.text(min_size=1, max_size=12),
    ),
    max_size=20,
).map(" ".join)
wild_queries = st.one_of(queries, st.text(max_size=300), st.sampled_from(["", " " * 50]))

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def port(newsdesk):
    newsdesk.publish(headline="Harbour cranes arrive", body="<p>5.2 million manat.</p>")
    newsdesk.publish(sec=newsdesk.azerbaijani, headline="Şəhər limanı genişlənir")
    newsdesk.publish(sec=newsdesk.russian, headline="Город расширяет порт")
    return newsdesk


@FUZZ
@given(text=wild_queries, edition=st.sampled_from(["en", "az", "ru"]), sort=st.sampled_from(Sort))
def test_any_query_returns_results_or_nothing_on_this_engine(port, text, edition, sort):
    results = search(text, edition, sort=sort)
    assert results.total >= len(results.results)
    assert all(r.article.edition.code == edition for r in results.results)


@FUZZ
@given(text=wild_queries)
def test_any_query_gets_a_page_never_a_server_error(port, text, settings_override):
    response = Client().get("/en/search/", {"q": text.replace("\x00", "")})
    assert response.status_code == 200, text


@pytest.fixture
def settings_override(settings):
    settings.DATELINE_SEARCH_PER_IP_MINUTE = 1_000_000
    return settings


def test_a_query_of_ten_thousand_characters_is_answered(port, settings_override):
    response = Client().get("/en/search/", {"q": "harbour " + "crane " * 1700})
    assert response.status_code == 200
    assert "Harbour" in response.content.decode()


@pytest.mark.parametrize(
    "text",
    [
        '" OR 1=1 --',
        "harbour' OR '1'='1",
        "*",
        "NEAR(harbour crane)",
        "harbour:*",
        "{headline} : harbour OR x",
        "facets : e1",
        "e1",
        "!!harbour",
        "harbour <-> cranes",
    ],
)
def test_engine_syntax_in_a_query_is_text_and_finds_nothing_extra(port, text):
    found = {r.article.headline for r in search(text).results}
    assert found <= {"Harbour cranes arrive"}
    if text in ("e1", "facets : e1"):
        assert found == set()  # the filter tokens are not words a reader can search
