"""Reading what a reader types: words, phrases, prefixes, exclusions — and nothing else."""

from dateline.search.query import MAX_CLAUSES, MAX_LENGTH, parse


def test_words_phrases_prefixes_and_exclusions_are_read_as_a_reader_means_them():
    query = parse('"prime minister" elect* -sport -"world cup" Baku')

    assert query.describe() == ['"prime minister"', "elect*", "-sport", '-"world cup"', "baku"]
    assert [c.words for c in query.positive] == [("prime", "minister"), ("elect",), ("baku",)]
    assert query.is_searchable


def test_an_unclosed_quote_makes_a_phrase_of_the_rest():
    assert parse('budget "city council').describe() == ["budget", '"city council"']


def test_operators_of_the_search_engines_are_plain_words():
    query = parse("NEAR(oil gas) AND ^title: OR (x) NOT y")

    assert query.describe() == ['"near oil"', "gas", "and", "title", "or", "x", "not", "y"]
    # Nothing of FTS5 or tsquery syntax survives: only letters and digits reach an engine.
    assert all(word.isalnum() for clause in query.clauses for word in clause.words)


def test_punctuation_inside_a_token_makes_a_phrase_of_its_words():
    assert parse("covid-19 5.2% o'neil").describe() == ['"covid 19"', '"5 2"', '"o neil"']


def test_only_exclusions_is_not_a_search():
    assert not parse("-sport -weather").is_searchable
    assert not parse("").is_searchable
    assert not parse('" * - -- ()').is_searchable


def test_a_one_letter_prefix_is_read_as_the_letter_itself():
    assert parse("a* be*").describe() == ["a", "be*"]


def test_control_characters_and_nul_bytes_are_dropped():
    query = parse("budget\x00\x07\u200b\ufeff vote\r\n")

    assert query.describe() == ["budget", "vote"]
    assert "\x00" not in query.text


def test_a_pasted_page_is_cut_to_its_beginning():
    query = parse("word " * 5_000)
    assert len(query.text) <= MAX_LENGTH
    assert len(parse(" ".join(f"w{n}" for n in range(100))).clauses) == MAX_CLAUSES


def test_azerbaijani_and_capital_dotted_i_are_folded_for_matching():
    assert parse("ŞƏHƏR İçərişəhər Ёлка").describe() == ["seher", "iceriseher", "елка"]


def test_a_long_query_is_cut_between_words():
    query = parse("harbour " + "crane " * 1700)
    assert query.describe() == ["harbour", "crane"]
