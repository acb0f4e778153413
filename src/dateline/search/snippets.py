"""The passage of a story that shows why it matched, with the matching words marked.

Words are compared the way the index compares them (folded and stemmed), so a search for
``elections`` marks “election” and “Elections”, and ``seki`` marks “Şəki”. The passage is
the window of :data:`WINDOW` words holding the most different query words; everything
else is escaped, so a story's text can never inject markup into the results page.

>>> from dateline.search.languages import ENGLISH
>>> from dateline.search.query import parse
>>> marker = Marker(parse("election*"), ENGLISH)
>>> str(highlight("Elections & more", marker))
'<mark>Elections</mark> &amp; more'
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dateline.search.languages import Language, fold
from dateline.search.query import Query
from dateline.search.text import WORD

WINDOW = 32  # words in a snippet
MAX_SCANNED = 20_000  # characters of a long story looked at for the passage


@dataclass
class Marker:
    """Tells which words of a text the query asked for."""

    query: Query
    language: Language

    def __post_init__(self) -> None:
        self.stems: set[str] = set()
        self.prefixes: list[str] = []
        for clause in self.query.positive:
            stems = [self.language.stem(word) for word in clause.words]
            if clause.prefix:
                self.prefixes.append(stems[0])
            else:
                self.stems.update(stems)

    def term(self, word: str) -> str | None:
        """The query term ``word`` matches, or None."""
        stem = self.language.stem(fold(word))
        if stem in self.stems:
            return stem
        return next((prefix for prefix in self.prefixes if stem.startswith(prefix)), None)


def _render(text: str, spans: Iterable[tuple[int, int]]) -> str:
    out: list[str] = []
    at = 0
    for start, end in spans:
        out.append(escape(text[at:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def highlight(text: str, marker: Marker) -> SafeString:
    """All of ``text`` (a headline), escaped, with the matching words marked."""
    spans = [(m.start(), m.end()) for m in WORD.finditer(text) if marker.term(m.group())]
    return mark_safe(_render(text, spans))


def snippet(text: str, marker: Marker, *, window: int = WINDOW) -> SafeString:
    """The best passage of ``text`` (plain text), escaped, with the matching words marked."""
    text = " ".join(text[:MAX_SCANNED].split())
    tokens = list(WORD.finditer(text))
    if not tokens:
        return mark_safe("")
    terms = [marker.term(token.group()) for token in tokens]
    best_start, best_score = 0, 0
    for start in (n for n, term in enumerate(terms) if term):
        score = len({term for term in terms[start : start + window] if term})
        if score > best_score:
            best_start, best_score = start, score
    # Start a few words before the first match, so the passage reads as a sentence.
    start = max(best_start - 4, 0) if best_score else 0
    end = min(start + window, len(tokens))
    first, last = tokens[start].start(), tokens[end - 1].end()
    spans = [
        (token.start() - first, token.end() - first)
        for token, term in zip(tokens[start:end], terms[start:end], strict=True)
        if term
    ]
    html = _render(text[first:last], spans)
    if start > 0:
        html = "… " + html
    if end < len(tokens) or last < len(text.rstrip(" .")):
        html += " …"
    return mark_safe(html)
