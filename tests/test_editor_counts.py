"""Word count and reading time, as shown under the body editor: words at 230 a minute,
rounded up. The page's script counts by the same rule (newsroom/static/newsroom/writing.js);
test_browser_editor.py checks the two agree on a real story."""

import pytest

from dateline.lib.reading_time import WORDS_PER_MINUTE, count_words, reading_minutes

# Typographic punctuation and Azerbaijani letters are the point of these samples.
DASH_AND_DOT = "<p>Voted – 87 to 12 · as expected</p>"  # noqa: RUF001
QUOTES = "<p>Ex-minister’s “historic” day</p>"  # noqa: RUF001
MARK_INSIDE_A_WORD = "<p>Bak<strong>ı</strong> şəhəri</p>"  # noqa: RUF001
FIGURE = (
    "<figure><img src='/media/a.jpg' alt='Not counted'><figcaption>Counted caption "
    "<small>Credit</small></figcaption></figure>"
)


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("", 0),
        ("<p></p>", 0),
        ("<p>One two three.</p>", 3),
        ("<p>One</p><p>two</p>", 2),  # paragraphs end words without a space between them
        ("<h2>Budget</h2><ul><li>pensions</li><li>roads</li></ul>", 3),
        ("<p>Line one<br>line two</p>", 4),
        (DASH_AND_DOT, 6),  # a dash or a dot is not a word
        (QUOTES, 3),
        ("<p>Tom &amp; Jerry&nbsp;met</p>", 3),
        (MARK_INSIDE_A_WORD, 2),  # bold inside a word keeps it one word
        (FIGURE, 3),  # the caption and credit are read, the alt text is not
        ("<p>Читатели и 2014 год</p>", 4),
    ],
)
def test_words_are_what_a_reader_reads(html, words):
    assert count_words(html) == words


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 0), (1, 1), (WORDS_PER_MINUTE, 1), (WORDS_PER_MINUTE + 1, 2), (1000, 5)],
)
def test_reading_time_rounds_up_to_the_next_minute(words, minutes):
    assert WORDS_PER_MINUTE == 230
    assert reading_minutes(words) == minutes
