# ruff: noqa: RUF001
"""Each edition is a complete site in its own language.

Every kind of reader page is fetched in the az, ru and en editions; the words a reader sees
(text, labels, placeholders, titles) must be the edition's language: no word of the English
interface may be left on an Azerbaijani or Russian page. Datelines use the edition's month
names in their grammatical case, and the translations of a story point at one another.
"""

import re
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from dateline.lib.transliteration import ascii_slug
from dateline.news.models import Article, Tag
from tests import factories

pytestmark = pytest.mark.django_db

BAKU = ZoneInfo("Asia/Baku")
PUBLISHED = datetime(2014, 3, 5, 9, 30, tzinfo=BAKU)

# The words of each edition's test content: what the page shows from the database.
CONTENT = {
    "en": {
        "section": ("Politics", "politics"),
        "headline": "Parliament passes the budget",
        "lead": "Deputies voted for the plan after a long debate.",
        "tag": "Elections",
        "author": "Leyla Aliyeva",
    },
    "az": {
        "section": ("Siyasət", "siyaset"),
        "headline": "Parlament büdcəni qəbul etdi",
        "lead": "Deputatlar uzun müzakirədən sonra planı dəstəklədilər.",
        "tag": "Seçkilər",
        "author": "Leyla Əliyeva",
    },
    "ru": {
        "section": ("Политика", "politika"),
        "headline": "Парламент принял бюджет",
        "lead": "Депутаты поддержали план после долгих прений.",
        "tag": "Выборы",
        "author": "Лейла Алиева",
    },
}
BODY = {
    "en": "<p>The vote ended late in the evening.</p>",
    "az": "<p>Səsvermə axşam gec başa çatdı.</p>",
    "ru": "<p>Голосование закончилось поздно вечером.</p>",
}
DATELINES = {
    "en": "05 March 2014 [09:30]",
    "az": "05 mart 2014 [09:30]",
    "ru": "05 марта 2014 [09:30]",
}
# Names that are the same in every language: the outlet, the editions, file formats.
NAMES = {
    "dateline",
    "daily",
    "english",
    "azərbaycanca",
    "rss",
    "atom",
    "json",
    "feed",
    "ctrl",
    "enter",
}


@pytest.fixture
def trilingual():
    """One story in three editions, linked as translations, each with its own section,
    tag and author, published at 09:30 Baku time on 5 March 2014."""
    editions = {
        "en": factories.edition("en"),
        "az": factories.edition("az", position=1),
        "ru": factories.edition("ru", position=2),
    }
    stories: dict[str, Article] = {}
    for code, edition in editions.items():
        words = CONTENT[code]
        name, slug = words["section"]
        section = factories.section(edition, name=name, slug=slug)
        story = factories.article(
            sec=section,
            headline=words["headline"],
            lead=words["lead"],
            body=BODY[code],
            at=PUBLISHED,
            authors=[factories.author(words["author"])],
            **({"translation_group": stories["en"].translation_group} if stories else {}),
        )
        story.tags.add(Tag.objects.create(name=words["tag"], slug=ascii_slug(words["tag"])))
        stories[code] = story
    return {"editions": editions, "stories": stories}


class VisibleText(HTMLParser):
    """The words a reader sees or hears: text and the attributes browsers show or read out."""

    SHOWN = {"title", "alt", "placeholder", "aria-label"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self.hidden += 1
        shown = dict(attrs)
        for name, value in attrs:
            if name in self.SHOWN and value:
                self.parts.append(value)
        if tag == "input" and shown.get("type") in {"submit", "button"}:
            self.parts.append(shown.get("value") or "")
        if tag == "meta" and dict(attrs).get("name") == "description":
            self.parts.append(dict(attrs).get("content") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_words(html: str) -> set[str]:
    reader = VisibleText()
    reader.feed(html)
    text = re.sub(r"\S+://\S+", " ", " ".join(reader.parts))  # a printed address is no word
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


def english_words() -> set[str]:
    """The words of the interface in English (every message of the catalogs)."""
    po = polib.pofile(str(settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES" / "django.po"))
    text = " ".join(re.sub(r"%\(\w+\)[sd]|\{\{.*?\}\}|<[^>]+>", " ", entry.msgid) for entry in po)
    return {word.lower() for word in re.findall(r"[^\W\d_]{3,}", text)}


def translated_words(language: str) -> set[str]:
    po = polib.pofile(str(settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"))
    text = " ".join(entry.msgstr for entry in po) + " ".join(
        " ".join(entry.msgstr_plural.values()) for entry in po
    )
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


def content_words(language: str) -> set[str]:
    words = CONTENT[language]
    # Bylines are people: the search page's author filter names every edition's authors.
    authors = [CONTENT[code]["author"] for code in CONTENT]
    text = " ".join([*map(str, words.values()), *words["section"], BODY[language], *authors])
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


def leaks(html: str, language: str) -> set[str]:
    """English interface words on a page of ``language`` (words the page's own language
    shares with English — "media", "Instagram" — are not leaks)."""
    shown = visible_words(html) - NAMES - content_words(language)
    found = shown & (english_words() - translated_words(language))
    if language == "ru":  # Russian is written in Cyrillic: any other Latin word is a leak
        found |= {word for word in shown if re.fullmatch(r"[a-z]+", word)}
    return found


def page_paths(stories: dict[str, Article], code: str) -> dict[str, str]:
    story = stories[code]
    slug = CONTENT[code]["section"][1]
    return {
        "home": reverse("website:home", kwargs={"edition": code}),
        "section": reverse("website:section", kwargs={"edition": code, "section": slug}),
        "article": story.get_absolute_url(),
        "print": story.get_print_url(),
        "tag": reverse("website:tag", kwargs={"edition": code, "slug": story.tags.get().slug}),
        "author": reverse(
            "website:author", kwargs={"edition": code, "slug": story.authors.get().slug}
        ),
        "archive": reverse(
            "website:archive-day",
            kwargs={"edition": code, "year": "2014", "month": "03", "day": "05"},
        ),
        "corrections": reverse("website:corrections", kwargs={"edition": code}),
        "search": reverse("website:search", kwargs={"edition": code})
        + "?q="
        + CONTENT[code]["headline"].split()[-2],
        "report": reverse(
            "website:article-report", kwargs={"edition": code, "pk": story.pk, "slug": story.slug}
        ),
        "not found": f"/{code}/no-such-section/",
    }


@pytest.mark.parametrize("code", ["az", "ru", "en"])
def test_every_page_speaks_its_editions_language(trilingual, code):
    client = Client()
    for kind, path in page_paths(trilingual["stories"], code).items():
        response = client.get(path)
        assert response.status_code == (404 if kind == "not found" else 200), kind
        html = response.content.decode()
        assert f'<html lang="{code}"' in html, kind
        assert response["Content-Language"] == code, kind
        if code != "en":
            assert not leaks(html, code), f"English on the {code} {kind} page: {leaks(html, code)}"


@pytest.mark.parametrize("code", ["az", "ru", "en"])
def test_datelines_use_the_editions_month_names(trilingual, code):
    html = Client().get(trilingual["stories"][code].get_absolute_url()).content.decode()
    assert DATELINES[code] in html


def test_an_english_page_has_no_word_of_the_other_languages(trilingual):
    html = Client().get(trilingual["stories"]["en"].get_absolute_url()).content.decode()
    assert not re.search("[а-яё]", html.replace("Русский", "").lower())


def hreflang_links(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_translations_point_at_one_another_and_at_a_default(trilingual):
    client = Client()
    stories = trilingual["stories"]
    addresses = {code: "http://testserver" + s.get_absolute_url() for code, s in stories.items()}
    for code, story in stories.items():
        links = hreflang_links(client.get(story.get_absolute_url()).content.decode())
        # Every version names every version, itself included; the default edition's
        # version answers for languages the site does not publish in.
        assert links == {**addresses, "x-default": addresses["en"]}, code


def test_the_switcher_leads_to_the_translation_of_the_story(trilingual):
    stories = trilingual["stories"]
    html = Client().get(stories["az"].get_absolute_url()).content.decode()
    switcher = html.split('class="editions"', 1)[1].split("</nav>", 1)[0]
    assert stories["ru"].get_absolute_url() in switcher
    assert stories["en"].get_absolute_url() in switcher


def test_a_story_without_translations_switches_to_the_other_editions_fronts(trilingual):
    lonely = factories.article(sec=trilingual["stories"]["az"].section, headline="Tək xəbər")
    html = Client().get(lonely.get_absolute_url()).content.decode()
    assert "hreflang" not in html.split("</head>", 1)[0].split('rel="canonical"', 1)[1]
    switcher = html.split('class="editions"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/ru/"' in switcher


def test_a_site_of_one_edition_shows_no_switcher():
    story = factories.article(sec=factories.section(factories.edition("en")))
    html = Client().get(story.get_absolute_url()).content.decode()
    assert 'class="editions"' not in html
    assert "hreflang" not in html.split("</head>", 1)[0]


@pytest.mark.parametrize("code", ["az", "ru", "en"])
def test_each_editions_feed_and_news_sitemap_name_its_language(trilingual, code):
    client = Client()
    feed = client.get(f"/{code}/feeds/rss.xml").content.decode()
    assert f"<language>{code}</language>" in feed
    assert CONTENT[code]["headline"] in feed
    assert all(CONTENT[other]["headline"] not in feed for other in CONTENT if other != code)
    description = re.search(r"<description>(.*?)</description>", feed).group(1)
    if code != "en":
        assert not (visible_words(description) & (english_words() - NAMES)), description
    factories.article(sec=trilingual["stories"][code].section)  # news of the last two days
    news = b"".join(client.get(f"/sitemap-{code}-news.xml").streaming_content).decode()
    assert f"<news:language>{code}</news:language>" in news
