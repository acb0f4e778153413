"""Words in a story and how long it takes to read: words at 230 a minute, rounded up.

The newsroom shows both live while a story is written; the script that does it
(``newsroom/static/newsroom/writing.js``) counts by the same rule, so the figure under the
editor does not jump when the page is saved and reloaded. A word is a run of characters
between spaces that holds at least one letter or digit, so a dash or a lone bullet does not
count, and block elements (paragraphs, list items, headings) separate words even when the
markup has no space between them.

>>> count_words("<p>Parliament met.</p><p>It voted — 87 to 12.</p>")
7
>>> reading_minutes(231)
2
"""

import math
from html.parser import HTMLParser

WORDS_PER_MINUTE = 230

# Elements whose edges end a word even when no space is typed between them.
BLOCK_ELEMENTS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "img", "li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipped = 0  # inside <script>/<style>, whose text no reader sees

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skipped += 1
        elif tag in BLOCK_ELEMENTS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skipped = max(0, self._skipped - 1)
        elif tag in BLOCK_ELEMENTS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipped:
            self.parts.append(data)


def count_words(html: str) -> int:
    """Words a reader reads in ``html`` (a story body)."""
    if not html:
        return 0
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


def reading_minutes(words: int) -> int:
    """Minutes to read ``words``, rounded up; 0 only for an empty story."""
    return math.ceil(words / WORDS_PER_MINUTE) if words > 0 else 0
