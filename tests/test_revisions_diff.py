"""The diff between two versions of a story reads like an editor's markup: words struck and
added, the body compared as its text with paragraphs kept, and nothing from the story ever
rendered as HTML."""

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.editorial.diffing import body_text, compare, text_diff, word_diff


def test_only_the_words_that_changed_are_marked():
    assert (
        word_diff("The vote was 80 to 20.", "The vote was 81 to 19.")
        == "The vote was <del>80</del><ins>81</ins> to <del>20</del><ins>19</ins>."
    )


def test_a_run_of_changed_words_is_marked_once():
    assert (
        word_diff("Parliament passes the budget", "Parliament rejects a new budget")
        == "Parliament <del>passes the</del><ins>rejects a new</ins> budget"
    )


def test_words_added_at_the_end_keep_their_space():
    assert word_diff("Budget passes", "Budget passes today") == "Budget passes <ins>today</ins>"


def test_story_html_in_a_diff_is_escaped_text():
    html = word_diff("Budget <b>passes</b>", 'Budget <img src=x onerror="alert(1)">')

    assert "<img" not in html
    assert "<b>" not in html
    assert "img src=x onerror=&quot;alert(1)&quot;" in html


def test_the_body_is_compared_as_text_with_its_paragraphs():
    text = body_text(
        "<p>First <strong>paragraph</strong>.</p><blockquote><p>A quote.</p></blockquote>"
        "<ul><li>one</li><li>two</li></ul>"
    )

    assert text == "First paragraph.\n\nA quote.\n\n• one\n\n• two"


def test_a_changed_link_address_shows_in_the_body_diff():
    before = body_text('<p>Read <a href="https://example.org/a">the report</a>.</p>')
    after = body_text('<p>Read <a href="https://example.org/b">the report</a>.</p>')

    assert "https://example.org/<del>a</del><ins>b</ins>" in text_diff(before, after)


def test_a_new_paragraph_is_shown_whole_and_the_others_untouched():
    before = "First paragraph.\n\nLast paragraph."
    after = "First paragraph.\n\nA new paragraph.\n\nLast paragraph."

    assert (
        text_diff(before, after)
        == "First paragraph.\n\n<ins>A new paragraph.</ins>\n\nLast paragraph."
    )


def test_a_rewritten_paragraph_is_compared_with_the_one_it_replaced():
    before = "Intro stays.\n\nThe minister said the plan was final.\n\nEnd stays."
    after = "Intro stays.\n\nThe minister said the plan was a draft.\n\nEnd stays."

    assert "The minister said the plan was <del>final</del><ins>a draft</ins>." in text_diff(
        before, after
    )


def test_comparing_snapshots_marks_text_and_lists_other_fields_before_and_after():
    before = {
        "headline": "Budget passes",
        "lead": "",
        "body": "<p>Text.</p>",
        "section": 1,
        "is_breaking": False,
        "_labels": {"section": "Politics"},
    }
    after = {
        **before,
        "headline": "Budget fails",
        "section": 2,
        "is_breaking": True,
        "_labels": {"section": "Economy"},
    }

    comparison = compare(before, after)

    headline, lead, body = comparison.texts
    assert headline.html == "Budget <del>passes</del><ins>fails</ins>"
    assert headline.changed and not lead.changed and not body.changed
    assert [(f.label, f.before, f.after) for f in comparison.fields] == [
        ("Section", "Politics", "Economy"),
        ("Breaking news", "No", "Yes"),
    ]


def test_a_very_long_rewrite_is_shown_replaced_whole_rather_than_compared_word_by_word():
    before = " ".join(f"old{i}" for i in range(3000))
    after = " ".join(f"new{i}" for i in range(3000))

    html = word_diff(before, after)

    assert html == f"<del>{before}</del><ins>{after}</ins>"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_without_its_deletions_a_diff_reads_exactly_as_the_new_text(before, after):
    shown = str(word_diff(before, after))

    kept = re.sub(r"<del[^>]*>.*?</del>", "", shown, flags=re.S)
    kept = re.sub(r'<ins class="diff-break"[^>]*>¶</ins>', "", kept)
    kept = re.sub(r"</?ins>", "", kept)
    assert html.unescape(kept) == after


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_without_its_additions_a_diff_reads_as_the_old_words(before, after):
    shown = str(word_diff(before, after))

    kept = re.sub(r"<ins[^>]*>.*?</ins>", "", shown, flags=re.S)
    kept = re.sub(r'<del class="diff-break"[^>]*>¶</del>', "", kept)
    kept = re.sub(r"</?del>", "", kept)
    # Spacing around replaced words follows the new text (it may even split two old
    # characters apart); the characters, in order, are the old ones.
    assert "".join(html.unescape(kept).split()) == "".join(before.split())
