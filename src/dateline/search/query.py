"""What a reader types, read the way a reader means it — and never passed on as syntax.

Supported: words (all must appear), ``"exact phrases"``, prefixes (``elect*``, at least two
letters), and ``-word`` or ``-"a phrase"`` to exclude. Everything else is text: FTS and
tsquery operators (``NEAR``, ``^``, ``:``, parentheses, ``AND``/``OR``/``NOT``), quotes left
open (the phrase runs to the end), SQL, control characters. A token with punctuation inside
(``covid-19``, ``5.2``) is the phrase of its words. The engines receive only words of letters
and digits, each quoted by the engine, so no query can reach their parsers as syntax.

Long queries are cut (:data:`MAX_CLAUSES` clauses, :data:`MAX_LENGTH` characters): a page of
pasted text searches for its beginning rather than tying up the database.

>>> parse('"prime minister" elect* -sport NEAR(x) 5.2').describe()
['"prime minister"', 'elect*', '-sport', 'near', 'x', '"5 2"']
"""

import re
import unicodedata
from dataclasses import dataclass

from dateline.search.languages import fold
from dateline.search.text import WORD

MAX_LENGTH = 300
MAX_CLAUSES = 12
MAX_WORDS_PER_PHRASE = 12
MAX_WORD_LENGTH = 60
MIN_PREFIX_LENGTH = 2

# A quoted phrase (closed or running to the end), or a run of non-space characters.
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Clause:
    """One condition: a word or phrase (its folded ``words``) that must appear or not.

    ``text`` is what the reader wrote for it, cleaned: PostgreSQL reads it with its own
    parser so that ``5.2`` finds the number it indexed as one token.
    """

    words: tuple[str, ...]
    text: str
    prefix: bool = False
    negated: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    def describe(self) -> str:
        shown = f'"{" ".join(self.words)}"' if self.is_phrase else self.words[0]
        return ("-" if self.negated else "") + shown + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Query:
    clauses: tuple[Clause, ...]
    text: str  # the reader's query, cleaned and cut, for the search box

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(clause for clause in self.clauses if not clause.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        return tuple(clause for clause in self.clauses if clause.negated)

    @property
    def is_searchable(self) -> bool:
        """At least one thing to look for: exclusions alone would list the whole archive."""
        return bool(self.positive)

    def describe(self) -> list[str]:
        return [clause.describe() for clause in self.clauses]


def clean(raw: str) -> str:
    """The query without control or unassigned characters, spaces collapsed, cut short."""
    kept = "".join(
        " " if unicodedata.category(char)[0] in "CZ" else char
        for char in unicodedata.normalize("NFC", raw[: MAX_LENGTH * 4])
    )
    text = " ".join(kept.split())
    if len(text) > MAX_LENGTH:  # cut between words: half a word would have to match too
        text = text[: MAX_LENGTH + 1].rsplit(" ", 1)[0][:MAX_LENGTH]
    return text


def _clause(text: str, *, negated: bool, quoted: bool) -> Clause | None:
    prefix = False
    if not quoted and text.endswith("*"):
        text = text.rstrip("*")
        prefix = True
    found = [word[:MAX_WORD_LENGTH] for word in WORD.findall(fold(text))][:MAX_WORDS_PER_PHRASE]
    if not found:
        return None
    # A prefix of one letter would match most of the archive; it is read as the word itself.
    prefix = prefix and len(found) == 1 and len(found[0]) >= MIN_PREFIX_LENGTH
    return Clause(words=tuple(found), text=" ".join(text.split()), prefix=prefix, negated=negated)


def parse(raw: str) -> Query:
    text = clean(raw or "")
    clauses: list[Clause] = []
    seen: set[tuple[tuple[str, ...], bool, bool]] = set()
    for match in _TOKEN.finditer(text):
        quote_minus, quoted, bare = match.groups()
        if bare is not None:
            negated = bare.startswith("-") and len(bare) > 1
            clause = _clause(bare[1:] if negated else bare, negated=negated, quoted=False)
        else:
            clause = _clause(quoted, negated=bool(quote_minus), quoted=True)
        if clause is None:
            continue
        identity = (clause.words, clause.prefix, clause.negated)
        if identity in seen:
            continue
        seen.add(identity)
        clauses.append(clause)
        if len(clauses) == MAX_CLAUSES:
            break
    return Query(clauses=tuple(clauses), text=text)
