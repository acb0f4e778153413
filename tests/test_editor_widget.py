"""The article screen's writing tools as the server draws them: the body editor's
configuration, the files that start it (no inline code under the strict CSP), and the
counts, headline hint and story address a writer sees even without JavaScript."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from dateline.news.models import Article
from tests import factories
from tests.newsroom_forms import ADD_URL, change_url, filled

pytestmark = pytest.mark.django_db


class Elements(HTMLParser):
    """Start tags with their attributes, in page order."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))

    def first(self, tag: str, **wanted: str) -> dict[str, str]:
        for name, attributes in self.found:
            if name == tag and all(attributes.get(k) == v for k, v in wanted.items()):
                return attributes
        raise AssertionError(f"no <{tag} {wanted}> on the page")


@pytest.fixture
def editor(client):
    user = factories.editor()
    client.force_login(user)
    return user


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def editor_config(page: str) -> dict:
    body = Elements(page).first("textarea", name="body")
    return json.loads(body["data-django-prose-editor-newsroom"])


def test_the_body_editor_offers_what_a_story_needs(client, editor):
    extensions = editor_config(page_of(client, ADD_URL))["extensions"]

    assert extensions["Heading"] == {"levels": [2, 3]}
    for name in (
        "Paragraph", "Bold", "Italic", "Blockquote", "BulletList", "OrderedList", "ListItem",
        "HorizontalRule", "Figure", "Image", "Caption", "Credit", "History",
    ):  # fmt: skip
        assert extensions.get(name), name
    assert extensions["Link"] == {"enableTarget": False, "protocols": ["http", "https", "mailto"]}
    # Nothing in the toolbar that the sanitiser would strip on save anyway.
    for name in ("TextAlign", "Color", "Highlight", "TextStyle", "StyleLoom", "ClassLoom"):
        assert name not in extensions


def test_the_editor_starts_from_static_files_without_inline_code(client, editor):
    page = page_of(client, ADD_URL)
    body = Elements(page).first("textarea", name="body")

    assert body["data-editor-module"] == "/static/django_prose_editor/editor.js"
    assert body["data-picture-picker"] == "/newsroom/news/article/pictures/"
    scripts = [attrs for tag, attrs in Elements(page).found if tag == "script"]
    sources = [attrs.get("src", "") for attrs in scripts]
    assert "/static/newsroom/writing.editor.js" in sources
    assert "/static/newsroom/writing.js" in sources
    assert all(attrs.get("src") or attrs.get("type") == "application/json" for attrs in scripts), (
        "an inline script (an import map?) would be refused by the CSP"
    )
    assert 'type="importmap"' not in page
    assert "<style" not in page
    assert not re.search(r'\sstyle="', page)
    assert Elements(page).first("link", href="/static/newsroom/writing.css")


CATALOG = "/newsroom/jsi18n/"  # the words of the admin's and the newsroom's own scripts


@pytest.mark.parametrize(
    ("url", "script"),
    [
        (ADD_URL, "/static/newsroom/writing.js"),  # a change form: the admin loads the catalog
        ("/newsroom/news/article/", None),  # a list with actions: so does the admin
        ("/newsroom/front-page/en/", "/static/newsroom/curation.js"),  # our templates: we do
        ("/newsroom/", None),
    ],
)
def test_every_newsroom_page_loads_the_scripts_words_once_and_first(client, editor, url, script):
    factories.edition("en")
    scripts = [attrs for tag, attrs in Elements(page_of(client, url)).found if tag == "script"]
    sources = [attrs.get("src", "") for attrs in scripts]
    assert reverse("admin:jsi18n") == CATALOG
    assert sources.count(CATALOG) == 1, sources
    if script:
        assert sources.index(CATALOG) < sources.index(script)


def test_the_scripts_words_come_in_the_editors_language_to_editors_only(client, editor):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.get(CATALOG)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    catalog = response.content.decode()
    assert json.dumps("%(counter)s слово") in catalog  # our scripts' (djangojs), in Russian
    assert json.dumps("Available %s") in catalog  # and still the admin's own

    client.logout()
    assert client.get(CATALOG).status_code == 302  # to the sign-in
    assert CATALOG not in page_of(client, "/newsroom/login/")  # which would not load it


def test_the_newsroom_keeps_the_strict_content_security_policy(client, editor):
    policy = client.get(ADD_URL)["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy


def test_counts_under_the_body_are_drawn_by_the_server(client, editor):
    words = " ".join(["word"] * 460)
    story = factories.article(
        published=False, body=f"<h2>Two words</h2><p>{words}</p><ul><li>one</li><li>two</li></ul>"
    )
    page = page_of(client, change_url(story))
    assert "464 words" in page  # 2 + 460 + 2
    assert "3 min read" in page  # 464 / 230 = 2.02, rounded up


def test_an_empty_body_has_nothing_to_read_yet(client, editor):
    page = page_of(client, ADD_URL)
    assert "0 words" in page
    assert "nothing to read yet" in page


def test_a_short_headline_fits_search_results(client, editor):
    story = factories.article(published=False, headline="Parliament passes the budget")
    page = page_of(client, change_url(story))
    hint = re.search(r'<p class="writing-hint".*?</p>', page, re.S)
    assert hint
    assert "<span data-characters>28</span> characters; search results show about 65." in page
    assert re.search(r"<span [^>]*data-warning hidden>", hint.group(0))


def test_a_long_headline_is_flagged_before_search_results_cut_it(client, editor):
    headline = "Parliament passes the budget after a long night of debate on pensions and roads"
    story = factories.article(published=False, headline=headline)
    page = page_of(client, change_url(story))
    hint = re.search(r'<p class="writing-hint".*?</p>', page, re.S)
    assert hint
    assert f"<span data-characters>{len(headline)}</span>" in hint.group(0)
    assert re.search(r"<span [^>]*data-warning>Search results will cut", hint.group(0))


def test_the_slug_shows_the_address_readers_will_use(client, editor, settings):
    settings.DATELINE_PUBLIC_URL = "https://news.example"
    az = factories.edition("az")
    story = factories.article(sec=factories.section(az, "Siyasət", slug="siyaset"), slug="budce")
    page = page_of(client, change_url(story))
    box = Elements(page).first("p", **{"data-address-for": "id_slug"})

    assert f"<output data-address>https://news.example/az/news/{story.pk}-budce/</output>" in page
    assert box["data-story-id"] == str(story.pk)
    addresses = json.loads(box["data-addresses"])
    assert addresses[str(az.pk)] == "https://news.example/az/news/{id}-{slug}/"
    assert addresses[str(factories.edition("en").pk)] == "https://news.example/en/news/{id}-{slug}/"
    assert "data-public" in box  # a live story: changing the slug moves it (old links redirect)


def test_a_new_story_has_no_address_until_it_has_an_edition_and_slug(client, editor):
    page = page_of(client, ADD_URL)
    assert "Address: <output data-address>shown when an edition and a slug are set</output>" in page


def test_resaving_an_untouched_story_in_the_editor_does_not_mark_it_updated(client, editor):
    picture = (
        '<figure><img src="/media/library/tower.jpg" alt="The tower" width="800" height="600" '
        'data-image-id="4"><figcaption>The tower <small>Photo: Agency</small></figcaption>'
        "</figure>"
    )
    story = factories.article(body=f"<p>First paragraph.</p>{picture}")
    # What the editor sends for the same story: its own classes, which the sanitiser drops.
    as_the_editor_writes_it = (
        '<p>First paragraph.</p><figure class="figure"><img src="/media/library/tower.jpg" '
        'alt="The tower" width="800" height="600" data-image-id="4"><figcaption '
        'class="figure-caption">The tower <small>Photo: Agency</small></figcaption></figure>'
    )
    response = client.post(
        change_url(story),
        filled(client, change_url(story), body=as_the_editor_writes_it, _continue="1"),
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).updated_at is None

    response = client.post(
        change_url(story),
        filled(client, change_url(story), body=f"<p>First paragraph, corrected.</p>{picture}"),
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).updated_at is not None


def test_a_writer_who_may_not_see_the_picture_library_gets_no_picture_button(client):
    user = factories.editor(username="no-pictures")
    user.groups.get().permissions.remove(
        Permission.objects.get(content_type__app_label="media", codename="view_image")
    )
    client.force_login(user)
    page = page_of(client, ADD_URL)
    assert "data-picture-picker" not in Elements(page).first("textarea", name="body")
    assert "Insert a picture from the library" not in page
    # The figure stays in the editor's schema so pictures already in a story survive a save.
    assert editor_config(page)["extensions"]["Figure"] is True
