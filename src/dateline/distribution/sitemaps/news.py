"""The Google News sitemap of one edition: its stories of the last 48 hours, newest first.

Google News reads at most 1,000 stories per sitemap and only those published in the last two
days; older stories stay in the article sitemaps. Each edition has its own news sitemap, so a
trilingual agency publishing hundreds of stories a day in each language loses none of them
to the cap, and ``news:language`` is the edition's language.
"""

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings

from dateline.distribution.sitemaps.addresses import ArticleAddresses
from dateline.distribution.sitemaps.xml import escape, url_entry, w3c_datetime
from dateline.news.models import Article, Edition, Genre

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1_000

# Our genres that Google News has a label for; the others need none.
NEWS_GENRES = {
    Genre.OPINION: "Opinion",
    Genre.PRESS_RELEASE: "PressRelease",
}


def news_language(tag: str) -> str:
    """Google News wants an ISO 639 code (or zh-cn / zh-tw), not a full BCP 47 tag.

    >>> news_language("en-GB"), news_language("zh-Hant-TW"), news_language("az-Latn")
    ('en', 'zh-tw', 'az')
    """
    parts = tag.lower().replace("_", "-").split("-")
    if parts[0] == "zh":
        return "zh-tw" if {"tw", "hant", "hk", "mo"} & set(parts[1:]) else "zh-cn"
    return parts[0]


def recent_stories(edition: Edition, now: datetime):
    return Article.objects.published(now).filter(
        edition=edition, published_at__gt=now - NEWS_WINDOW
    )


def news_urls(edition: Edition, addresses: ArticleAddresses, now: datetime) -> Iterator[str]:
    publication = (
        "<news:publication>"
        f"<news:name>{escape(settings.DATELINE_SITE_NAME)}</news:name>"
        f"<news:language>{escape(news_language(edition.language))}</news:language>"
        "</news:publication>"
    )
    rows = (
        recent_stories(edition, now)
        .order_by("-published_at", "-pk")
        .values_list("pk", "slug", "headline", "genre", "published_at", "updated_at")
    )[:NEWS_LIMIT]
    for pk, slug, headline, genre, published_at, updated_at in rows.iterator(chunk_size=NEWS_LIMIT):
        label = NEWS_GENRES.get(genre)
        news = (
            f"<news:news>{publication}"
            + (f"<news:genres>{label}</news:genres>" if label else "")
            + f"<news:publication_date>{w3c_datetime(published_at, edition.zone)}"
            "</news:publication_date>"
            f"<news:title>{escape(headline)}</news:title></news:news>"
        )
        yield url_entry(addresses.of(edition.pk, pk, slug), updated_at or published_at, news)
