# Azerbaijani and Cyrillic letters and typographic quotes are this file's content.
# ruff: noqa: RUF001, RUF002, RUF003
"""The words that fill the story templates: people, towns, numbers and dates, in three languages.

Every value is a set of *forms* keyed by language, so the same story names the same
person in its English, Azerbaijani and Russian versions: ``{"en": "Rashad Huseynli",
"az": "Rəşad Hüseynli", "ru": "Рашад Гусейнли", "ru_v": ""}``. A key ``<lang>_<suffix>``
adds a slot ``<name>_<suffix>`` for that language only (``p1_v`` is the Russian past-tense
ending that agrees with the person: ``сказал{p1_v}``).

People get Azerbaijani names from Faker, rendered for English and Russian readers;
towns are made up from Azerbaijani roots. Both avoid real public figures and places
tied to conflict. Faker is slow per call, so names are drawn once into pools and
stories pick from the pools with ``random.choice``.
"""

import random
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from faker import Faker

LANGUAGES = ("en", "az", "ru")

Forms = Mapping[str, str]
Context = dict[str, str]


class Choice:
    """One value in every language, with its extra slots resolved once."""

    __slots__ = ("by_language",)

    def __init__(self, forms: Forms) -> None:
        self.by_language: dict[str, tuple[tuple[str, str], ...]] = {
            lang: tuple(
                (key[len(lang) :], value)
                for key, value in forms.items()
                if key == lang or key.startswith(f"{lang}_")
            )
            for lang in LANGUAGES
        }
        missing = [lang for lang in LANGUAGES if lang not in forms]
        if missing:
            raise ValueError(f"{dict(forms)!r} has no form for {', '.join(missing)}")

    def put(self, slot: str, contexts: Mapping[str, Context]) -> None:
        for lang, context in contexts.items():
            for suffix, value in self.by_language[lang]:
                context[slot + suffix] = value


def choices(items: Sequence[Forms]) -> tuple[Choice, ...]:
    return tuple(Choice(item) for item in items)


# --- Spelling Azerbaijani names for English and Russian readers ------------------------------

_ENGLISH = str.maketrans(
    {
        "ə": "a", "Ə": "A", "ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch", "ğ": "gh", "Ğ": "Gh",
        "ı": "i", "İ": "I", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U", "x": "kh", "X": "Kh",
        "q": "g", "Q": "G", "c": "j", "C": "J",
    }
)  # fmt: skip

_RUSSIAN = {
    "a": "а", "b": "б", "c": "дж", "ç": "ч", "d": "д", "e": "е", "ə": "а", "f": "ф", "g": "г",
    "ğ": "г", "h": "х", "x": "х", "ı": "ы", "i": "и", "j": "ж", "k": "к", "q": "г", "l": "л",
    "m": "м", "n": "н", "o": "о", "ö": "ё", "p": "п", "r": "р", "s": "с", "ş": "ш", "t": "т",
    "u": "у", "ü": "ю", "v": "в", "y": "й", "z": "з",
}  # fmt: skip
_Y_VOWEL = {"a": "я", "ə": "я", "u": "ю", "ü": "ю", "e": "е", "o": "ё"}
_VOWELS = set("aeəıioöuü")


def anglicise(name: str) -> str:
    """``Rəşad Xəlilov`` → ``Rashad Khalilov``, as English-language news spells it."""
    return name.translate(_ENGLISH)


def cyrillize(name: str) -> str:
    """``Rəşad Xəlilov`` → ``Рашад Халилов``: close to Russian press usage, not a standard."""
    out: list[str] = []
    lower = name.replace("İ", "i").replace("I", "ı").lower()
    index = 0
    while index < len(lower):
        char, upper = lower[index], name[index].isupper()
        previous = lower[index - 1] if index else " "
        following = lower[index + 1] if index + 1 < len(lower) else ""
        if char == "y" and following in _Y_VOWEL:
            letter, index = _Y_VOWEL[following], index + 1
        elif char == "e" and (previous in _VOWELS or not previous.isalpha()):
            letter = "э"
        else:
            letter = _RUSSIAN.get(char, char)
        out.append(letter.capitalize() if upper else letter)
        index += 1
    return "".join(out)


def az_upper(text: str) -> str:
    """Upper case with Azerbaijani's dotted capital İ."""
    return text.replace("i", "İ").upper()


# --- Numbers, the way each language writes them ------------------------------------------------


def whole(number: int) -> Forms:
    grouped = f"{number:,}"
    return {
        "en": grouped,
        "az": grouped.replace(",", "\u00a0"),
        "ru": grouped.replace(",", "\u00a0"),
    }


def decimal(number: float) -> Forms:
    text = f"{number:.1f}"
    return {"en": text, "az": text.replace(".", ","), "ru": text.replace(".", ",")}


def millions(number: float) -> Forms:
    figure = decimal(number)
    return {
        "en": f"{figure['en']} million manats",
        "az": f"{figure['az']} milyon manat",
        "ru": f"{figure['ru']} млн манатов",
    }


_AZ_ORDINAL_UNITS = {
    0: "-cı", 1: "-ci", 2: "-ci", 3: "-cü", 4: "-cü",
    5: "-ci", 6: "-cı", 7: "-ci", 8: "-ci", 9: "-cu",
}  # fmt: skip
_AZ_ORDINAL_TENS = {
    1: "-cu", 2: "-ci", 3: "-cu", 4: "-cı", 5: "-ci", 6: "-cı", 7: "-ci", 8: "-ci", 9: "-cı",
}  # fmt: skip


def az_ordinal(number: int) -> str:
    """``2026`` → ``2026-cı``: the suffix follows the vowel of the last number word."""
    if number % 10:
        return f"{number}{_AZ_ORDINAL_UNITS[number % 10]}"
    if number % 100:
        return f"{number}{_AZ_ORDINAL_TENS[(number // 10) % 10]}"
    return f"{number}-{'cü' if number % 1000 else 'ci'}"


# --- Calendar words ------------------------------------------------------------------------------

WEEKDAYS = choices(
    [
        {"en": "on Monday", "az": "bazar ertəsi", "ru": "в понедельник"},
        {"en": "on Tuesday", "az": "çərşənbə axşamı", "ru": "во вторник"},
        {"en": "on Wednesday", "az": "çərşənbə günü", "ru": "в среду"},
        {"en": "on Thursday", "az": "cümə axşamı", "ru": "в четверг"},
        {"en": "on Friday", "az": "cümə günü", "ru": "в пятницу"},
        {"en": "on Saturday", "az": "şənbə günü", "ru": "в субботу"},
        {"en": "on Sunday", "az": "bazar günü", "ru": "в воскресенье"},
    ]
)

# English; Azerbaijani, and “in <month>”; Russian “of <month>” and “in <month>”.
_MONTHS = (
    ("January", "yanvar", "yanvarda", "января", "январе"),
    ("February", "fevral", "fevralda", "февраля", "феврале"),
    ("March", "mart", "martda", "марта", "марте"),
    ("April", "aprel", "apreldə", "апреля", "апреле"),
    ("May", "may", "mayda", "мая", "мае"),
    ("June", "iyun", "iyunda", "июня", "июне"),
    ("July", "iyul", "iyulda", "июля", "июле"),
    ("August", "avqust", "avqustda", "августа", "августе"),
    ("September", "sentyabr", "sentyabrda", "сентября", "сентябре"),
    ("October", "oktyabr", "oktyabrda", "октября", "октябре"),
    ("November", "noyabr", "noyabrda", "ноября", "ноябре"),
    ("December", "dekabr", "dekabrda", "декабря", "декабре"),
)


def day_and_month(moment: datetime) -> Forms:
    english, azerbaijani, _, russian, _ = _MONTHS[moment.month - 1]
    return {
        "en": f"{moment.day} {english}",
        "az": f"{moment.day} {azerbaijani}",
        "ru": f"{moment.day} {russian}",
    }


def in_month(month: int) -> Forms:
    """``in March`` / ``martda`` / ``в марте`` for ``month`` 1–12."""
    english, _, azerbaijani, _, russian = _MONTHS[month - 1]
    return {"en": f"in {english}", "az": azerbaijani, "ru": f"в {russian}"}


# --- Made-up places and organisations ------------------------------------------------------------

_TOWN_ROOTS = (
    "Göy", "Yaşıl", "Gül", "Dəmir", "Daş", "Çinar", "Narın", "Söyüd", "Alma", "Armud", "Zeytun",
    "Sarı", "Yeni", "Dəniz", "Mərcan", "Sünbül", "Ceyran", "Qızıl", "İncə", "Bəhər", "Nərgiz",
    "Laləli", "Bənövşə", "Şəfəq", "Ulduz", "Günəş", "Bulud", "Çəmən",
)  # fmt: skip
_TOWN_ENDINGS = (
    "kənd",
    "abad",
    "çay",
    "dərə",
    "bulaq",
    "təpə",
    "oba",
    "qala",
    "yurd",
    "bağ",
    "ova",
)
# Real places best kept out of invented news, should a combination ever produce one.
_AVOID_PLACES = frozenset((
    "Ağdam", "Ağdərə", "Qarabağ", "Xankəndi", "Şuşa", "Laçın", "Kəlbəcər", "Xocalı", "Xocavənd",
    "Zəngilan", "Qubadlı", "Cəbrayıl", "Füzuli", "Tərtər", "Daşkəsən",
))  # fmt: skip

_COMPANY_ROOTS = (
    "Çinar", "Mərcan", "Sünbül", "Ceyran", "Nərgiz", "Ulduz", "Şəfəq", "Bulaq", "Dəniz", "Günəş",
    "Zeytun",
)  # fmt: skip
_COMPANY_KINDS = (
    {"en": "Logistics", "az": "Logistika", "ru": "Логистик"},
    {"en": "Agro", "az": "Aqro", "ru": "Агро"},
    {"en": "Foods", "az": "Qida", "ru": "Фудс"},
    {"en": "Textile", "az": "Tekstil", "ru": "Текстиль"},
    {"en": "Telecom", "az": "Telekom", "ru": "Телеком"},
    {"en": "Energy", "az": "Enerji", "ru": "Энерджи"},
    {"en": "Pharma", "az": "Farma", "ru": "Фарма"},
)

INSTITUTES = choices(
    [
        {
            "en": "the Institute for Regional Economics",
            "az": "Regional İqtisadiyyat İnstitutu",
            "az_gen": "Regional İqtisadiyyat İnstitutunun",
            "ru": "Институт региональной экономики",
            "ru_gen": "Института региональной экономики",
        },
        {
            "en": "the Centre for Household Research",
            "az": "Ev Təsərrüfatları Tədqiqat Mərkəzi",
            "az_gen": "Ev Təsərrüfatları Tədqiqat Mərkəzinin",
            "ru": "Центр исследований домохозяйств",
            "ru_gen": "Центра исследований домохозяйств",
        },
        {
            "en": "the Open Markets Foundation",
            "az": "Açıq Bazarlar Fondu",
            "az_gen": "Açıq Bazarlar Fondunun",
            "ru": "Фонд открытых рынков",
            "ru_gen": "Фонда открытых рынков",
        },
        {
            "en": "the Caspian Policy Lab",
            "az": "Xəzər Siyasət Laboratoriyası",
            "az_gen": "Xəzər Siyasət Laboratoriyasının",
            "ru": "Каспийская лаборатория политики",
            "ru_gen": "Каспийской лаборатории политики",
        },
    ]
)

# Public figures whose names a random draw must never produce.
_AVOID_NAMES = frozenset({"Əliyev", "Əliyeva", "Paşayev", "Paşayeva"})


def _place(name: str) -> Forms:
    english, russian = anglicise(name), cyrillize(name)
    return {
        "en": english,
        "az": name,
        "ru": russian,
        "en_up": english.upper(),
        "az_up": az_upper(name),
        "ru_up": russian.upper(),
    }


def _person(first: str, last: str, female: bool) -> Forms:
    return {
        "en": anglicise(f"{first} {last}"),
        "az": f"{first} {last}",
        "ru": cyrillize(f"{first} {last}"),
        "en_last": anglicise(last),
        "az_last": last,
        "ru_last": cyrillize(last),
        "ru_v": "а" if female else "",
    }


class Pools:
    """Everything a story context draws from, made once per run."""

    def __init__(self, rng: random.Random, people: int = 400) -> None:
        fake = Faker("az_AZ")
        fake.seed_instance(rng.randrange(2**32))
        seen: set[str] = set()
        persons: list[Forms] = []
        while len(persons) < people:
            female = rng.random() < 0.5
            first = (fake.first_name_female() if female else fake.first_name_male()).strip()
            last = (fake.last_name_female() if female else fake.last_name_male()).strip()
            if last in _AVOID_NAMES or f"{first} {last}" in seen:
                continue
            seen.add(f"{first} {last}")
            persons.append(_person(first, last, female))
        self.people = choices(persons)

        names = {
            root + ending
            for root in _TOWN_ROOTS
            for ending in _TOWN_ENDINGS
            # “Almaabad” reads like a typo: no vowel clash at the seam.
            if not (root[-1] in _VOWELS and ending[0] in _VOWELS)
        }
        towns = sorted(names - _AVOID_PLACES)
        self.towns = choices([_place(town) for town in towns])
        self.clubs = choices(
            [
                {
                    "en": f"{anglicise(town)} FC",
                    "az": f"{town} FK",
                    "ru": f"«{cyrillize(town)}»",
                }
                for town in rng.sample(towns, 40)
            ]
        )
        self.companies = choices(
            [
                {
                    "en": f"{anglicise(root)} {kind['en']}",
                    "az": f"{root} {kind['az']}",
                    "ru": f"«{cyrillize(root)} {kind['ru']}»",
                }
                for root in _COMPANY_ROOTS
                for kind in _COMPANY_KINDS
            ]
        )


_LINK_FOLDERS = ("reports", "documents", "notices", "press", "programme", "data", "pages")


def story_contexts(
    rng: random.Random, pools: Pools, moment: datetime, source: str
) -> dict[str, Context]:
    """The slots every template may use, filled for one story in every language.

    ``moment`` is the publication time on the edition's wall clock, so “on Tuesday”
    in a story means the day it appeared.
    """
    contexts: dict[str, Context] = {lang: {"source": source} for lang in LANGUAGES}
    for slot, person in zip(("p1", "p2", "p3"), rng.sample(pools.people, 3), strict=True):
        person.put(slot, contexts)
    town, town2 = rng.sample(pools.towns, 2)
    town.put("town", contexts)
    town2.put("town2", contexts)
    club1, club2 = rng.sample(pools.clubs, 2)
    club1.put("club1", contexts)
    club2.put("club2", contexts)
    rng.choice(pools.companies).put("company", contexts)
    rng.choice(INSTITUTES).put("institute", contexts)
    WEEKDAYS[moment.weekday()].put("weekday", contexts)
    previous_month = (moment.replace(day=1) - timedelta(days=1)).month
    Choice(in_month(previous_month)).put("prev_month", contexts)
    Choice(day_and_month(moment - timedelta(days=rng.randint(1, 4)))).put("letter_date", contexts)
    score_a = rng.randint(2, 4)  # the match report names two scorers
    plain = {
        "year": str(moment.year),
        "n1": str(rng.randint(2, 19)),
        "n2": str(rng.randint(20, 400)),
        "v_for": str(rng.randint(7, 15)),
        "v_against": str(rng.randint(0, 4)),
        "score_a": str(score_a),
        "score_b": str(rng.randint(0, score_a - 1)),
        "m1": str(rng.randint(5, 40)),
        "m2": str(rng.randint(50, 88)),
        "found_year": str(rng.randint(1995, 2018)),
        "link": f"{rng.choice(_LINK_FOLDERS)}/{moment.year}/{rng.randint(100, 9999)}",
    }
    localised = {
        "n3": whole(rng.randrange(1000, 90000, 10)),
        "n4": whole(rng.randrange(400, 4000, 5)),
        "money": millions(rng.uniform(1.5, 95)),
        "pct": decimal(rng.uniform(0.5, 9.9)),
        "pct2": decimal(rng.uniform(0.5, 9.9)),
        "pct3": decimal(rng.uniform(0.5, 9.9)),
    }
    for lang, context in contexts.items():
        context.update(plain)
        # Azerbaijani writes ordinals with a suffix that follows vowel harmony: 2026-cı ildə.
        for slot in ("year", "found_year", "m1", "m2"):
            value = plain[slot]
            context[f"{slot}_ord"] = az_ordinal(int(value)) if lang == "az" else value
        for slot, forms in localised.items():
            context[slot] = forms[lang]
    return contexts
