# Azerbaijani and Cyrillic letters and typographic quotes are this file's content.
# ruff: noqa: RUF001
"""The demo newsroom's fixed furniture: editions, sections, authors, sources and tags.

Everything here is looked up by its code, slug or name and created only when
missing, so running ``dateline demo`` twice never duplicates it and never
overwrites what an editor has changed since.
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from faker import Faker

from dateline.lib.transliteration import ascii_slug
from dateline.news.models import Author, Edition, Section, Source, Tag

# code, name, position; English is the default edition.
EDITIONS = (("en", "English", 0), ("az", "Azərbaycanca", 1), ("ru", "Русский", 2))
TIME_ZONE = "Asia/Baku"
DATE_FORMAT = "d E Y [H:i]"  # E: the month as inside a date (Russian genitive)

# Section key → edition code → (name, slug, description).
SECTIONS: Mapping[str, Mapping[str, tuple[str, str, str]]] = {
    "politics": {
        "en": ("Politics", "politics", "Parliament, government, parties and local councils."),
        "az": ("Siyasət", "siyaset", "Parlament, hökumət, partiyalar və yerli şuralar."),
        "ru": ("Политика", "politika", "Парламент, правительство, партии и местные советы."),
    },
    "economy": {
        "en": ("Economy", "economy", "Business, markets, jobs and prices."),
        "az": ("İqtisadiyyat", "iqtisadiyyat", "Biznes, bazarlar, iş yerləri və qiymətlər."),
        "ru": ("Экономика", "ekonomika", "Бизнес, рынки, рабочие места и цены."),
    },
    "society": {
        "en": ("Society", "society", "Health, education, transport and everyday life."),
        "az": ("Cəmiyyət", "cemiyyet", "Səhiyyə, təhsil, nəqliyyat və gündəlik həyat."),
        "ru": (
            "Общество",
            "obshchestvo",
            "Здравоохранение, образование, транспорт и повседневная жизнь.",
        ),
    },
    "world": {
        "en": ("World", "world", "International news, diplomacy and regional cooperation."),
        "az": ("Dünya", "dunya", "Beynəlxalq xəbərlər, diplomatiya və regional əməkdaşlıq."),
        "ru": ("В мире", "mir", "Международные новости, дипломатия и региональное сотрудничество."),
    },
    "sport": {
        "en": ("Sport", "sport", "Results, interviews and the stories behind the games."),
        "az": ("İdman", "idman", "Nəticələr, müsahibələr və oyunların arxasındakı hekayələr."),
        "ru": ("Спорт", "sport", "Результаты, интервью и истории за пределами поля."),
    },
    "culture": {
        "en": ("Culture", "culture", "Books, film, music, theatre and heritage."),
        "az": ("Mədəniyyət", "medeniyyet", "Kitab, kino, musiqi, teatr və irs."),
        "ru": ("Культура", "kultura", "Книги, кино, музыка, театр и наследие."),
    },
}

# Invented agencies: none of these exists. The site's own staff credit comes first.
AGENCIES = (
    ("Caspian Wire", "https://caspian-wire.example/"),
    ("Meridian News Agency", "https://meridian-news.example/"),
    ("Northgate Press", "https://northgate-press.example/"),
)

# Section key → tag names. Tags are shared by every edition.
TAGS: Mapping[str, tuple[str, ...]] = {
    "politics": ("Parliament", "Local government", "Public services", "Law", "Elections"),
    "economy": (
        "Budget", "Prices", "Jobs", "Agriculture", "Trade", "Logistics", "Small business",
    ),
    "society": ("Health", "Education", "Transport", "Roads", "Libraries", "Housing"),
    "world": ("Diplomacy", "Water", "Climate", "Shipping"),
    "sport": ("Football", "Wrestling", "Chess", "Youth sport"),
    "culture": ("Festivals", "Books", "Theatre", "Film", "Music", "Heritage"),
}  # fmt: skip

_BEATS = (
    "parliament and local government",
    "the economy and energy",
    "health and education",
    "transport and cities",
    "international affairs",
    "sport",
    "culture and the arts",
    "agriculture and the regions",
    "business and technology",
    "courts and public services",
    "the environment",
    "books and theatre",
)

# The roster is the same on every run, whatever ``--seed`` says, so re-runs find it.
_ROSTER_SEED = 20140305


@dataclass(frozen=True)
class Newsroom:
    editions: dict[str, Edition]
    sections: dict[tuple[str, str], Section]  # (edition code, section key)
    authors: list[Author]
    staff: Source
    agencies: list[Source]
    tags: dict[str, list[Tag]]  # section key → tags


def ensure_editions() -> dict[str, Edition]:
    editions = {}
    for code, name, position in EDITIONS:
        demo_values = {
            "name": name,
            "language": code,
            "time_zone": TIME_ZONE,
            "date_format": DATE_FORMAT,
            "position": position,
        }
        edition, created = Edition.objects.get_or_create(
            code=code,
            defaults={
                **demo_values,
                "is_default": code == "en" and not Edition.objects.filter(is_default=True).exists(),
            },
        )
        if not created and not edition.sections.exists():
            # The blank edition a fresh install starts with becomes the demo's own.
            Edition.objects.filter(pk=edition.pk).update(**demo_values)
            edition.refresh_from_db()
        editions[code] = edition
    return editions


def ensure_sections(editions: Mapping[str, Edition]) -> dict[tuple[str, str], Section]:
    sections = {}
    for position, (key, names) in enumerate(SECTIONS.items()):
        for code, (name, slug, description) in names.items():
            sections[code, key], _ = Section.objects.get_or_create(
                edition=editions[code],
                slug=slug,
                defaults={"name": name, "description": description, "position": position},
            )
    return sections


def _roster() -> list[tuple[str, str]]:
    """Twelve (name, bio) pairs: mostly Azerbaijani names, a few English ones."""
    rng = random.Random(_ROSTER_SEED)
    local, foreign = Faker("az_AZ"), Faker("en_GB")
    local.seed_instance(_ROSTER_SEED)
    foreign.seed_instance(_ROSTER_SEED)
    names: list[str] = []
    while len(names) < len(_BEATS):
        fake = foreign if len(names) % 4 == 3 else local
        female = rng.random() < 0.5
        first = fake.first_name_female() if female else fake.first_name_male()
        last = fake.last_name_female() if female else fake.last_name_male()
        name = f"{first.strip()} {last.strip()}"
        if name not in names:
            names.append(name)
    site = settings.DATELINE_SITE_NAME
    years = rng.sample(range(2009, 2023), len(names))
    return [
        (name, f"Covers {beat} for {site} since {year}.")
        for name, beat, year in zip(names, _BEATS, years, strict=True)
    ]


def ensure_authors() -> list[Author]:
    authors = []
    for name, bio in _roster():
        author, _ = Author.objects.get_or_create(
            slug=ascii_slug(name), defaults={"name": name, "bio": bio}
        )
        authors.append(author)
    return authors


def ensure_sources() -> tuple[Source, list[Source]]:
    staff, _ = Source.objects.get_or_create(
        name=settings.DATELINE_SITE_NAME[:80], defaults={"url": settings.DATELINE_PUBLIC_URL}
    )
    agencies = [
        Source.objects.get_or_create(name=name, defaults={"url": url})[0] for name, url in AGENCIES
    ]
    return staff, agencies


def ensure_tags() -> dict[str, list[Tag]]:
    tags: dict[str, list[Tag]] = {}
    for key, names in TAGS.items():
        tags[key] = [
            Tag.objects.get_or_create(slug=ascii_slug(name, 80), defaults={"name": name})[0]
            for name in names
        ]
    return tags


def ensure_newsroom() -> Newsroom:
    editions = ensure_editions()
    staff, agencies = ensure_sources()
    return Newsroom(
        editions=editions,
        sections=ensure_sections(editions),
        authors=ensure_authors(),
        staff=staff,
        agencies=agencies,
        tags=ensure_tags(),
    )
