"""Nothing personal reaches a reader through the page cache (RELIABILITY row 10).

An editor signs in and browses the public site and the newsroom (a draft with a marker word
among the stories); then an anonymous reader fetches the same pages through the cache. The
reader must find no trace of the editor: no username, no CSRF token, no session cookie, no
``Set-Cookie``, no draft. The editor's own answers are ``private, no-store`` and never stored.
Also here: what a request cannot smuggle into a cached page (a bad ``Host``, an
``X-Forwarded-Host``, made-up query parameters).
"""

# The page-cache fixtures come from tests/page_cache_helpers.py; pytest passes them by parameter
# name, which ruff reads as redefining the imported name.

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dateline.lib.cursors import encode_cursor
from dateline.pagecache.store import PageCache
from tests import factories
from tests.page_cache_helpers import answered, reader
from tests.revision_helpers import signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("one_article_sitemap")]

USERNAME = "quillon-desk"
DRAFT_MARKER = "Zorbulate"  # a word no published page contains


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    # Signing in is not under test here; spare the strong hash's second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def public_urls(settings) -> dict[str, str]:
    """Thirty-one public addresses of a one-edition site, every kind of reader page."""
    settings.DATELINE_PAGE_SIZE = 3  # so that a section has a second page
    en = factories.edition("en")
    politics, economy = factories.section(en, "Politics"), factories.section(en, "Economy")
    author, tag = factories.author("Leyla Mammadova"), factories.tag("Elections")
    now = timezone.now()
    stories = []
    for n in range(8):
        story = factories.article(
            sec=(politics, economy)[n % 2],
            headline=f"Council report number {n}",
            authors=[author],
            at=now - timedelta(minutes=5 + n),
        )
        story.tags.add(tag)
        stories.append(story)
    factories.draft(sec=politics, headline=f"{DRAFT_MARKER} inquiry opens", body="<p>Secret.</p>")
    third = [s for s in stories if s.section == politics][2]
    return {
        "root": "/", "home": "/en/", "section": "/en/politics/", "other section": "/en/economy/",
        "section page 2": f"/en/politics/?before={encode_cursor(third.published_at, third.pk)}",
        **{f"article {n}": story.get_absolute_url() for n, story in enumerate(stories)},
        **{f"print {n}": story.get_print_url() for n, story in enumerate(stories[:5])},
        "author": f"/en/author/{author.slug}/", "tag": "/en/tag/elections/",
        "archive day": f"/en/archive/{en.local(now).strftime('%Y/%m/%d')}/",
        "corrections": "/en/corrections/",
        "site feed": "/feeds/rss.xml", "atom feed": "/en/feeds/atom.xml",
        "section json feed": "/en/politics/feeds/feed.json",
        "tag feed": "/en/tag/elections/feeds/rss.xml",
        "corrections feed": "/en/corrections/feeds/rss.xml",
        "sitemap index": "/sitemap.xml", "news sitemap": "/sitemap-en-news.xml",
        "articles sitemap": "/sitemap-en-articles-0.xml", "robots.txt": "/robots.txt",
    }  # fmt: skip


@pytest.fixture(params=["memory_cache", "disk_cache"])
def cache(request) -> PageCache:
    return request.getfixturevalue(request.param)


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def browse_as_editor(editor: Client, urls: dict[str, str]) -> None:
    """Every public page, each answered to the editor alone: rendered, private, not stored."""
    for url in urls.values():
        response = editor.get(url)
        assert response.status_code == 200, url
        assert answered(response) == "", f"{url} went through the page cache for an editor"
        assert {"private", "no-store"} <= directives(response), url
        assert "public" not in directives(response), url


def traces_of(editor: Client, response) -> list[str]:
    """What of the signed-in editor a reader's answer carries."""
    page = response.content.decode()
    headers = str(response.headers)
    secrets = {
        "username": USERNAME,
        "draft": DRAFT_MARKER,
        "CSRF field": "csrfmiddlewaretoken",
        "newsroom link": 'href="/newsroom/',
        "session id": editor.cookies[settings.SESSION_COOKIE_NAME].value,
    }
    if settings.CSRF_COOKIE_NAME in editor.cookies:
        secrets["CSRF token"] = editor.cookies[settings.CSRF_COOKIE_NAME].value
    found = [name for name, secret in secrets.items() if secret in page or secret in headers]
    if response.cookies or "Set-Cookie" in response.headers:
        found.append("Set-Cookie")
    if "private" in directives(response) or "cookie" in response.get("Vary", "").lower():
        found.append("private or per-cookie answer")
    return found


def test_an_editors_browsing_leaves_no_trace_for_the_next_reader(public_urls, cache):
    editor = signed_in(factories.editor(USERNAME))
    draft_pk = factories.draft(headline=f"{DRAFT_MARKER} second draft").pk
    for newsroom_page in (
        reverse("admin:news_article_changelist"),
        reverse("admin:news_article_change", args=[draft_pk]),
        reverse("admin:news_article_preview", args=[draft_pk]),
    ):
        assert DRAFT_MARKER in editor.get(newsroom_page).content.decode()
    browse_as_editor(editor, public_urls)
    assert cache.backend.renders() == 0, "a page rendered for the editor was stored"

    assert len(public_urls) >= 30
    visitor = reader()
    for url in public_urls.values():
        first, second = visitor.get(url), visitor.get(url)
        assert (first.status_code, answered(first), answered(second)) == (200, "MISS", "HIT"), url
        assert traces_of(editor, first) == [], url
        assert traces_of(editor, second) == [], url

    browse_as_editor(editor, public_urls)  # the pages are cached now: still not for the editor
    later = reader()
    for url in public_urls.values():
        response = later.get(url)
        assert (answered(response), traces_of(editor, response)) == ("HIT", []), url


def test_a_signed_in_editor_is_never_answered_from_the_cache(public_urls, cache):
    visitor, editor = reader(), signed_in(factories.editor(USERNAME))
    for url in list(public_urls.values())[:6]:
        assert answered(visitor.get(url)) == "MISS"
        assert answered(visitor.get(url)) == "HIT"
        response = editor.get(url)
        assert answered(response) == "", url
        assert {"private", "no-store"} <= directives(response), url


def test_a_request_with_a_bad_host_is_refused_and_not_cached(public_urls, memory_cache):
    visitor = reader()
    for _attempt in range(2):
        response = visitor.get("/en/", HTTP_HOST="attacker.example")
        assert response.status_code == 400
        assert answered(response) != "HIT"
        assert "attacker.example" not in response.content.decode()
    assert memory_cache.backend.renders() == 0
    assert answered(visitor.get("/en/")) == "MISS"


@pytest.mark.parametrize(
    "page",
    ["root", "section", "article 0", "print 0", "atom feed", "news sitemap", "sitemap index"],
)
def test_a_forwarded_host_is_not_written_into_a_cached_page(public_urls, memory_cache, page):
    url = public_urls[page]
    poisoned = reader().get(url, HTTP_X_FORWARDED_HOST="attacker.example")
    assert (poisoned.status_code, answered(poisoned)) == (200, "MISS"), url
    assert "attacker.example" not in poisoned.content.decode(), url

    served = reader().get(url)
    assert answered(served) == "HIT"
    assert "attacker.example" not in served.content.decode(), url
    assert "testserver" in served.content.decode(), url  # its links name the real host


@pytest.mark.parametrize(
    "query", ["?utm_x=1", "?utm_source=mail&utm_medium=email", "?before=&fbclid=abc", "?x"]
)
def test_unknown_query_parameters_are_answered_but_never_stored(memory_cache, public_urls, query):
    visitor = reader()
    for url in (public_urls["home"], public_urls["section"], public_urls["article 0"]):
        for _attempt in range(2):
            response = visitor.get(url + query)
            assert (response.status_code, answered(response)) == (200, ""), url + query
    assert memory_cache.backend.renders() == 0


def test_a_sections_cursor_page_is_cached_under_its_own_address(public_urls, memory_cache):
    deeper = public_urls["section page 2"]
    visitor = reader()
    assert [answered(visitor.get(deeper)) for _ in range(2)] == ["MISS", "HIT"]
    assert answered(visitor.get("/en/politics/")) == "MISS"  # page 1 is another page
    assert answered(visitor.get(deeper + "&utm_x=1")) == ""  # not with made-up parameters
