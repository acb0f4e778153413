"""Words out of stories and queries, the same way for both.

A word is a run of letters and digits: ``covid-19`` is two words, ``5.2`` too, and a query
for either is the phrase of its words, so it finds exactly what it says.

>>> words("<p>The <b>Şəki</b> council&nbsp;met</p>")
['the', 'seki', 'council', 'met']
>>> index_text("Elections in Baku", ENGLISH)
'elect in baku'
"""

import html
import re

from dateline.search.languages import ENGLISH, Language, fold

__all__ = ["ENGLISH", "WORD", "index_text", "plain_text", "words"]

WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """Sanitised article HTML as text: tags become spaces so block ends part words."""
    return html.unescape(_TAG.sub(" ", markup))


def words(text: str, *, markup: bool = True) -> list[str]:
    """The folded words of ``text`` (HTML unless ``markup`` is False), in order."""
    return WORD.findall(fold(plain_text(text) if markup else text))


def index_text(text: str, language: Language, *, markup: bool = True) -> str:
    """``text`` as the SQLite index stores it: stems separated by spaces."""
    stem = language.stem
    return " ".join([stem(word) for word in words(text, markup=markup)])
