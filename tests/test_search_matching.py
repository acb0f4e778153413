# Azerbaijani and Russian words are this file's content.
# ruff: noqa: RUF001
"""What a search finds, in which order — the same on SQLite and on PostgreSQL."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from dateline.news.models import Genre
from dateline.search.engines.base import BadSearchCursor, Sort, encode_cursor
from dateline.search.searching import Filters
from tests import factories
from tests.search_helpers import found, search


def test_english_words_match_their_other_forms(newsdesk):
    newsdesk.publish(headline="Election commission certifies the result")
    newsdesk.publish(headline="Voters elected a new council", lead="Turnout was high.")

    assert sorted(found("elections")) == [
        "Election commission certifies the result",
        "Voters elected a new council",
    ]
    assert found("certified") == ["Election commission certifies the result"]
    assert found("councils") == ["Voters elected a new council"]


def test_russian_words_match_their_other_forms(newsdesk):
    story = newsdesk.publish(
        sec=newsdesk.russian, headline="Итоги выборов в городской совет", lead="Явка была высокой."
    )
    assert found("выборы", "ru") == [story.headline]
    assert found("ВЫБОРАМИ совета", "ru") == [story.headline]
    assert found("выборы", "en") == []  # another edition's story


def test_russian_yo_and_ye_are_one_letter(newsdesk):
    story = newsdesk.publish(sec=newsdesk.russian, headline="На площади поставили ёлку")
    assert found("елку", "ru") == [story.headline]
    assert found("Ёлка", "ru") == [story.headline]


def test_azerbaijani_is_found_without_its_special_letters(newsdesk):
    story = newsdesk.publish(
        sec=newsdesk.azerbaijani,
        headline="Şəki şəhərində yeni körpü açıldı",
        lead="İçərişəhər sakinləri çıxış etdi.",
    )
    for typed in ("seki", "Şəki", "SEHERINDE", "korpu acildi", "icerisheher", "içərişəhər"):
        expected = [] if typed == "icerisheher" else [story.headline]
        assert found(typed, "az") == expected, typed
    assert found("şəhər*", "az") == [story.headline]
    assert found("seher*", "az") == [story.headline]


def test_all_words_must_appear(newsdesk):
    newsdesk.publish(headline="Ministry opens a harbour", body="<p>In Lankaran.</p>")
    newsdesk.publish(headline="Ministry closes a school")

    assert found("ministry harbour lankaran") == ["Ministry opens a harbour"]
    assert found("ministry harbour shamakhi") == []


def test_an_exact_phrase_needs_its_words_together_and_in_order(newsdesk):
    newsdesk.publish(headline="The prime minister visits Ganja")
    newsdesk.publish(headline="A minister of prime importance")

    assert found('"prime minister"') == ["The prime minister visits Ganja"]
    assert found('"minister prime"') == []
    assert sorted(found("prime minister")) == sorted(
        ["The prime minister visits Ganja", "A minister of prime importance"]
    )


def test_a_prefix_finds_every_word_that_begins_so(newsdesk):
    newsdesk.publish(headline="Electricity prices rise")
    newsdesk.publish(headline="Electoral roll updated")
    newsdesk.publish(headline="Select committee meets")

    assert sorted(found("elect*")) == ["Electoral roll updated", "Electricity prices rise"]


def test_an_excluded_word_or_phrase_removes_stories(newsdesk):
    newsdesk.publish(headline="Football club wins the cup")
    newsdesk.publish(headline="Chess club wins the cup")
    newsdesk.publish(headline="Chess club world cup draw")

    assert found("club cup -football") == sorted(
        ["Chess club wins the cup", "Chess club world cup draw"], key=found("club cup").index
    )
    assert found('club -"world cup" -football') == ["Chess club wins the cup"]
    assert found("-football") == []  # nothing to look for: no search


def test_stop_words_are_words_too(newsdesk):
    story = newsdesk.publish(headline="The Who play in Baku")
    newsdesk.publish(headline="A concert in Baku")
    assert found('"the who"') == [story.headline]


def test_headline_body_tags_and_bylines_are_all_searched(newsdesk):
    label = factories.tag("Caviar")
    by_body = newsdesk.publish(headline="Fishing quotas", body="<p>Sturgeon stocks recover.</p>")
    by_tag = newsdesk.publish(headline="Fishing fleet")
    newsdesk.after_commit(lambda: by_tag.tags.add(label))
    from dateline.search import indexing

    indexing.refresh([by_tag.pk])

    assert found("sturgeon") == [by_body.headline]
    assert found("caviar") == [by_tag.headline]


def test_filters_narrow_by_section_kind_author_and_date(newsdesk):
    economy = factories.section(newsdesk.english.edition, "Economy")
    writer = factories.author("Rashad Guliyev")
    day = datetime(2025, 6, 10, 8, 0, tzinfo=UTC)  # 12:00 in Baku
    politics_news = newsdesk.publish(headline="Oil talks resume", at=day)
    economy_opinion = newsdesk.publish(
        sec=economy,
        headline="Oil prices and the budget",
        genre=Genre.OPINION,
        authors=[writer],
        at=day + timedelta(days=1),
    )
    # 21:30 UTC on the 12th is 01:30 on the 13th in Baku: readers' dates are the edition's.
    late_evening = newsdesk.publish(
        sec=economy, headline="Oil exports grow", at=datetime(2025, 6, 12, 21, 30, tzinfo=UTC)
    )

    def with_filters(**filters) -> set[str]:
        return {r.article.headline for r in search("oil", filters=Filters(**filters)).results}

    assert with_filters(section_id=economy.pk) == {
        economy_opinion.headline,
        late_evening.headline,
    }
    assert with_filters(genre=Genre.OPINION) == {economy_opinion.headline}
    assert with_filters(author_id=writer.pk) == {economy_opinion.headline}
    zone = newsdesk.english.edition.zone
    assert with_filters(
        since=datetime(2025, 6, 11, tzinfo=zone), until=datetime(2025, 6, 12, tzinfo=zone)
    ) == {economy_opinion.headline}
    assert with_filters(since=datetime(2025, 6, 12, tzinfo=zone)) == {late_evening.headline}
    assert (
        with_filters(
            since=datetime(2025, 6, 12, tzinfo=zone), until=datetime(2025, 6, 13, tzinfo=zone)
        )
        == set()
    )
    assert with_filters(until=datetime(2025, 6, 11, tzinfo=zone)) == {politics_news.headline}


def test_a_headline_match_ranks_above_a_passing_mention(newsdesk):
    passing = newsdesk.publish(
        headline="Weather report",
        body="<p>Rain later. Also, the tram depot was closed.</p>",
        at=timezone.now() - timedelta(minutes=1),
    )
    about = newsdesk.publish(
        headline="Tram depot closed for repairs", at=timezone.now() - timedelta(minutes=2)
    )
    assert found("tram depot") == [about.headline, passing.headline]


def test_a_fresh_story_outranks_an_old_one_with_the_same_words(newsdesk):
    old = newsdesk.publish(headline="Metro line extended", at=timezone.now() - timedelta(days=400))
    new = newsdesk.publish(
        headline="Metro line extended again", at=timezone.now() - timedelta(days=1)
    )
    assert found("metro line extended") == [new.headline, old.headline]

    with override_settings(DATELINE_SEARCH_RECENCY_WEIGHT=0.0):
        # Relevance alone: the shorter headline says it more densely.
        assert found("metro line extended")[0] == old.headline


def test_newest_first_is_exactly_the_publication_order(newsdesk):
    now = timezone.now()
    stories = [
        newsdesk.publish(headline=f"Dam report {n}", at=now - timedelta(hours=n)) for n in range(5)
    ]
    assert found("dam", sort=Sort.NEWEST) == [story.headline for story in stories]


@pytest.mark.parametrize("sort", [Sort.RELEVANCE, Sort.NEWEST])
@override_settings(DATELINE_SEARCH_PAGE_SIZE=4)
def test_pages_go_through_every_match_once(newsdesk, sort):
    now = timezone.now()
    for n in range(11):
        newsdesk.publish(
            headline=f"Silk road caravan {n}",
            body="<p>silk</p>" * (n % 3 + 1),
            at=now - timedelta(minutes=n // 2),  # ties in time too
        )
    seen: list[str] = []
    cursor = None
    for _ in range(5):
        results = search("silk", sort=sort, cursor=cursor)
        assert results.total == 11
        seen += [r.article.headline for r in results.results]
        cursor = results.next_cursor
        if cursor is None:
            break
    assert sorted(seen) == sorted(f"Silk road caravan {n}" for n in range(11))
    assert len(seen) == 11


def test_a_forged_page_link_is_refused(newsdesk):
    newsdesk.publish(headline="Silk road")
    for cursor in ("zzz", "!!!", "A" * 500, encode_cursor("r", "x", 1, 2)):
        for sort in Sort:
            with pytest.raises(BadSearchCursor):
                search("silk", sort=sort, cursor=cursor)
    with pytest.raises(BadSearchCursor):  # another order's link
        search("silk", sort=Sort.NEWEST, cursor=encode_cursor("r", 1.5, 3, 4))
    with pytest.raises(BadSearchCursor):
        search("silk", sort=Sort.RELEVANCE, cursor=encode_cursor("n", 5))


def test_snippets_show_the_matching_passage_with_the_words_marked(newsdesk):
    body = (
        "<p>" + "Opening remarks filled the morning. " * 20 + "</p>"
        "<p>In the afternoon the delegates signed the water treaty, which covers the "
        "Kura river.</p><p>" + "Closing words followed. " * 20 + "</p>"
    )
    newsdesk.publish(headline="Summit ends", body=body)

    (result,) = search("treaty kura").results

    assert "<mark>treaty</mark>" in result.snippet
    assert "<mark>Kura</mark>" in result.snippet
    assert result.snippet.startswith("… ")
    assert len(result.snippet) < 400


def test_story_text_in_results_is_escaped(newsdesk):
    newsdesk.publish(headline="Tags <b>in</b> a headline & more", lead="<script>x</script> lead")

    (result,) = search("headline").results

    assert "<b>" not in result.headline
    assert "&lt;b&gt;" in result.headline
    assert "<script>" not in result.snippet
    assert "<mark>headline</mark>" in result.headline


def test_withdrawn_stories_never_show_even_if_the_index_still_holds_them(newsdesk):
    """The index is one line of defence; the stories shown are read again as readers see them."""
    from dateline.news import publishing
    from dateline.search.engines import get_engine

    live = newsdesk.publish(headline="Gallery opens")
    withdrawn = newsdesk.publish(headline="Gallery closes")
    draft = factories.draft(sec=newsdesk.english, headline="Gallery secret")
    publishing.unpublish(withdrawn)  # its on-commit removal never runs here
    get_engine().store([draft.pk])  # as if an engine had a bug

    assert found("gallery") == [live.headline]


def test_a_prefix_shared_by_very_many_words_still_finds_them_all(newsdesk, monkeypatch):
    """On SQLite a prefix is expanded to the archive's words; past a limit, FTS5 reads it."""
    from dateline.search.engines import sqlite

    for ending in ("ion", "ions", "oral", "ricity"):
        newsdesk.publish(headline=f"Elect{ending} story")
    expanded = sorted(found("elect*"))
    monkeypatch.setattr(sqlite, "MAX_EXPANSION", 1)

    assert sorted(found("elect*")) == expanded
    assert len(expanded) == 4
