# Azerbaijani and Cyrillic letters and typographic quotes are this file's content.
# ruff: noqa: RUF001, RUF002
"""ASCII renderings of Azerbaijani and Cyrillic text, for slugs in URLs.

Django's ``slugify`` folds accents through Unicode decomposition, which turns
“ə”, “ı” and every Cyrillic letter into nothing. Transliterating first keeps a
Russian or Azerbaijani headline readable in its URL:

>>> ascii_slug("Şəhər mərkəzində çıxış")
'seher-merkezinde-cixis'
>>> ascii_slug("Москва объявила")
'moskva-obyavila'
"""

from django.utils.text import slugify

# Azerbaijani Latin letters that Unicode decomposition cannot fold to ASCII.
_LATIN = {
    "ə": "e", "ğ": "g", "ö": "o", "ş": "s", "ç": "c", "ü": "u",
}  # fmt: skip

# Russian, with the letters of Azerbaijani, Ukrainian and Belarusian Cyrillic. Hard and
# soft signs carry no sound of their own in a URL, so they disappear.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    "ә": "e", "ғ": "g", "ҝ": "g", "һ": "h", "ј": "y", "ө": "o", "ү": "u", "ҹ": "c",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for letter, latin in (_LATIN | _CYRILLIC).items():
        table[ord(letter)] = latin
        table[ord(letter.upper())] = latin.capitalize()
    return table


_TABLE = _table() | {ord("ı"): "i", ord("İ"): "I"}  # the dotted/dotless pair has no case map


def transliterate(text: str) -> str:
    """``text`` with Azerbaijani and Cyrillic letters spelt in ASCII; other text unchanged.

    >>> transliterate("Город Çinarlı")
    'Gorod Cinarli'
    """
    return text.translate(_TABLE)


def ascii_slug(text: str, max_length: int = 120) -> str:
    """A lowercase ASCII slug of ``text``, cut at a word boundary to ``max_length``."""
    slug = slugify(transliterate(text))
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if slug[max_length] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")
