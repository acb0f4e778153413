"""Every response carries the security headers; a reader's pages set no cookie and can be
shared by caches; a signed-in editor's pages never can."""

import pytest
from django.test import Client

from dateline.website.views import fronts
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    # The login itself is under test, not the strength of the hash: spare a second per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def story(db):
    politics = factories.section(factories.edition("en"), name="Politics")
    story = factories.article(
        sec=politics, headline="Budget passes", authors=[factories.author()], slug="budget"
    )
    story.tags.add(factories.tag("Elections"))
    return story


def reader_urls(story) -> dict[str, str]:
    return {
        "root": "/",
        "home": "/en/",
        "section front": "/en/politics/",
        "article": story.get_absolute_url(),
        "print": story.get_print_url(),
        "author": f"/en/author/{story.authors.get().slug}/",
        "tag": "/en/tag/elections/",
        "archive": "/en/archive/2014/03/05/",
        "robots.txt": "/robots.txt",
        "short url": f"/en/news/{story.pk}/",
        "old slug": f"/en/news/{story.pk}-old-slug/",
        "404": "/en/no-such-section/",
        "404 outside any edition": "/nothing-here-at-all/",
        "400": "/en/politics/?before=garbage",
    }


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as ``{directive: [sources]}``."""
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_security_headers(response, url: str) -> None:
    csp = policy(response)
    assert csp["frame-ancestors"] == ["'none'"], url
    assert csp["object-src"] == ["'none'"], url
    script_sources = csp.get("script-src", csp.get("default-src"))
    assert "'unsafe-inline'" not in script_sources, url
    assert "'unsafe-eval'" not in script_sources, url
    assert response["X-Frame-Options"] == "DENY", url
    assert response["X-Content-Type-Options"] == "nosniff", url


@pytest.mark.parametrize(
    "page",
    [
        "root", "home", "section front", "article", "print", "author", "tag", "archive",
        "robots.txt", "short url", "old slug", "404", "404 outside any edition", "400",
    ],
)  # fmt: skip
def test_every_reader_response_carries_the_security_headers(client, story, page):
    url = reader_urls(story)[page]
    response = client.get(url)
    assert response.status_code in (200, 301, 400, 404)
    assert_security_headers(response, url)


def test_the_404_page_is_the_designed_one_and_carries_the_policy(client, story):
    response = client.get("/en/no-such-section/")
    assert response.status_code == 404
    assert "The story or page you were looking for is not here." in response.content.decode()
    assert_security_headers(response, "/en/no-such-section/")


def test_the_500_page_carries_the_policy_and_asks_to_retry(client, story, monkeypatch):
    def broken(code):
        raise RuntimeError("the database fell over")

    monkeypatch.setattr(fronts, "open_edition", broken)
    client.raise_request_exception = False

    response = client.get("/en/")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "the database fell over" not in response.content.decode()
    assert response["Retry-After"] == "30"
    assert_security_headers(response, "/en/")


@pytest.mark.parametrize("page", ["root", "home", "section front", "article", "print"])
def test_an_anonymous_reader_gets_no_cookie_and_no_vary_on_cookie(client, story, page):
    response = client.get(reader_urls(story)[page])

    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "cookie" not in response.get("Vary", "").lower()
    assert "private" not in response.get("Cache-Control", "")


@pytest.fixture
def editor_client(db):
    browser = Client()
    browser.force_login(factories.editor())
    return browser


@pytest.mark.parametrize(
    "page", ["root", "home", "section front", "article", "print", "author", "tag", "404"]
)
def test_a_signed_in_editors_public_pages_are_private_and_never_stored(editor_client, story, page):
    response = editor_client.get(reader_urls(story)[page])

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert_security_headers(response, page)


def test_an_editor_sees_the_same_public_page_as_a_reader(client, editor_client, story):
    for_reader = client.get(story.get_absolute_url()).content
    for_editor = editor_client.get(story.get_absolute_url()).content
    assert for_editor == for_reader
    assert b"csrfmiddlewaretoken" not in for_editor


def test_a_stale_session_cookie_does_not_make_a_readers_page_private(client, story, settings):
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    response = client.get("/en/")
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "url", ["/newsroom/", "/newsroom/news/article/", "/newsroom/news/article/add/"]
)
def test_newsroom_pages_are_never_stored(editor_client, story, url):
    response = editor_client.get(url)

    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert_security_headers(response, url)


def test_the_newsroom_login_page_is_never_stored_either(client, story):
    response = client.get("/newsroom/login/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert_security_headers(response, "/newsroom/login/")


def test_the_error_page_still_renders_when_its_template_cannot(client, monkeypatch):
    """A 404 whose designed template fails (say, static files were never collected) still
    answers 404 with a plain page instead of a 500 traceback."""
    from django.template import loader

    def broken(name, *args, **kwargs):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(loader, "get_template", broken)

    response = client.get("/en/no-such-section-at-all/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
