# Azerbaijani and Cyrillic letters are this file's content.
# ruff: noqa: RUF002
"""How each edition's language is searched: its folding, its stemmer, its PostgreSQL
configuration.

Both engines see the same words. Text is lower-cased and *folded* first — the Azerbaijani
letters a reader may type without (ə→e, ı→i, ş→s, ç→c, ğ→g, ö→o, ü→u) and Russian ё→е —
so ``Şəki`` is found by ``seki``. English and Russian words are then reduced to their stems
with the Snowball stemmers, which is what PostgreSQL's own ``english`` and ``russian``
dictionaries run: on PostgreSQL the database stems (configurations ``dateline_en``,
``dateline_ru``, ``dateline_simple``, created by the search app's migration); on SQLite this
module does, before the words reach FTS5. Neither drops stop words, so a search for
“The Who” finds the band on both. Languages without a stemmer here (Azerbaijani among them)
are folded and matched word for word; a prefix (``seçki*``) reaches their inflected forms.

>>> fold("Şəkidə ÇAĞIRIŞ Ёлка İş")
'sekide cagiris елка is'
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

import snowballstemmer

# Letters folded on both engines; PostgreSQL's ``translate()`` gets the same two strings
# (search/migrations: ``dateline_search_fold``). U+0307 is the dot that ``lower()`` leaves
# after an Azerbaijani or Turkish “İ”.
FOLD_FROM = "əışçğöüё"
FOLD_TO = "eiscgou\u0435"  # the last letter is the Cyrillic one
COMBINING_DOT = "\u0307"
_FOLDS = (*zip(FOLD_FROM, FOLD_TO, strict=True), (COMBINING_DOT, ""))


def fold(text: str) -> str:
    """Lower case with the letters above folded, as both engines index and query."""
    text = text.lower()
    if not text.isascii():
        # A few C-speed replaces beat ``str.translate``'s per-character lookup tenfold.
        for letter, plain in _FOLDS:
            if letter in text:
                text = text.replace(letter, plain)
    return text


@dataclass(frozen=True)
class Language:
    """One way of searching: ``code`` names it in the index, ``pg_config`` on PostgreSQL."""

    code: str
    pg_config: str
    latin_stemmer: str | None  # Snowball algorithm for words in Latin letters
    native_stemmer: str | None  # and for the other words (Cyrillic for Russian)

    def stem(self, word: str) -> str:
        """``word`` (already folded) as it is indexed: its stem, or itself."""
        return _stem(self.code, word)


ENGLISH = Language("en", "dateline_en", "english", "english")
RUSSIAN = Language("ru", "dateline_ru", "english", "russian")
SIMPLE = Language("simple", "dateline_simple", None, None)
LANGUAGES = {language.code: language for language in (ENGLISH, RUSSIAN, SIMPLE)}


def language_for(tag: str) -> Language:
    """The search language of a BCP 47 tag (``en-GB`` → English); others match word for word."""
    primary = (tag or "").split("-")[0].lower()
    return LANGUAGES.get(primary, SIMPLE)


@cache
def _stemmer(algorithm: str) -> Any:  # snowballstemmer has no public stemmer type
    return snowballstemmer.stemmer(algorithm)


_stems: dict[str, dict[str, str]] = {code: {} for code in LANGUAGES}
_STEM_CACHE_LIMIT = 500_000  # distinct words per language kept; a news archive uses far fewer


def _stem(code: str, word: str) -> str:
    known = _stems[code]
    stem = known.get(word)
    if stem is not None:
        return stem
    language = LANGUAGES[code]
    # PostgreSQL's parser sends words with digits to the "simple" dictionary: kept whole.
    algorithm = language.latin_stemmer if word.isascii() else language.native_stemmer
    stem = _stemmer(algorithm).stemWord(word) if algorithm and word.isalpha() else word
    if len(known) < _STEM_CACHE_LIMIT:
        known[word] = stem
    return stem
