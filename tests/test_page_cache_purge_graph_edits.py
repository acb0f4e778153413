"""The purge graph for edits: a live story's words, section, tags or corrections, and the order
of a front page. Same site, same three caches and same checks as
``tests/test_page_cache_purge_graph.py``; the table below is the graph for edits.
"""

# The fixtures come from tests/test_page_cache_purge_graph.py; pytest passes them by parameter
# name, which ruff reads as redefining the imported name.
# ruff: noqa: F811

from collections.abc import Callable

import pytest

from dateline.news import correcting, front_page, publishing
from tests.test_page_cache_purge_graph import (  # noqa: F401  (fixtures among them)
    DROPS,
    REFRESHED,
    SHOWS,
    Committing,
    Marker,
    Site,
    assert_purge_graph,
    caches,
    committing,
    site,
    sitemaps_refreshed,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("one_article_sitemap")]

# Which warmed pages each edit of a live story (or of the front page) reaches, and what they
# show afterwards. Unlisted: still a HIT.
PURGED: dict[str, dict[str, str]] = {
    "edit P1's headline (text only)": {
        "root": SHOWS, "en home": SHOWS, "en/politics": SHOWS,
        "P1": SHOWS, "P1 print": SHOWS, "P2": SHOWS, "P3": SHOWS,
        "AP1": REFRESHED,  # its language switcher links to P1
        "en/tag/elections": SHOWS, "en/author/alice": SHOWS, "en archive today": SHOWS,
        "site feed": SHOWS, "en feed rss": SHOWS, "en feed atom": SHOWS, "en feed json": SHOWS,
        "en/politics feed": SHOWS, "en/tag/elections feed": SHOWS, "en/author/alice feed": SHOWS,
        **sitemaps_refreshed(en_news_sitemap=SHOWS),
    },
    "move P2 to en/economy and tag it budget": {
        "root": REFRESHED, "en home": REFRESHED,  # P2 changes block, still on the page
        "en/politics": DROPS, "en/politics feed": DROPS,
        "en/economy": SHOWS, "en/economy feed": SHOWS,
        "en/tag/budget": SHOWS, "en/tag/budget feed": SHOWS,
        "P1": DROPS, "P3": DROPS, "E1": SHOWS,  # the section's "More in …" boxes
        "P2": REFRESHED,
        "en archive today": REFRESHED, "site feed": REFRESHED,
        "en feed rss": REFRESHED, "en feed atom": REFRESHED, "en feed json": REFRESHED,
        **sitemaps_refreshed(),
    },
    "correct P1": {
        "P1": SHOWS, "P1 print": SHOWS, "en corrections": SHOWS, "en corrections feed": SHOWS,
        # Every page that showed P1 (lists show it as updated, feeds carry its new date):
        "root": REFRESHED, "en home": REFRESHED, "en/politics": REFRESHED,
        "P2": REFRESHED, "P3": REFRESHED, "AP1": REFRESHED,
        "en/tag/elections": REFRESHED, "en/author/alice": REFRESHED,
        "en archive today": REFRESHED, "site feed": REFRESHED,
        "en feed rss": REFRESHED, "en feed atom": REFRESHED, "en feed json": REFRESHED,
        "en/politics feed": REFRESHED, "en/tag/elections feed": REFRESHED,
        "en/author/alice feed": REFRESHED,
        **sitemaps_refreshed(),
    },
    "re-order the en front page": {"root": SHOWS, "en home": SHOWS},
}  # fmt: skip


# Each edit is made the way the newsroom makes it, committed inside ``committing()``; each
# answers its marker (the text, or a test of the page, that says a page shows the change).


def edit_a_headline(site: Site, committing: Committing) -> Marker:
    story = site.P1
    story.headline = "Parliament approves the budget after a long night"
    story.save()
    with committing():
        publishing.record_edit(story, {"headline"})
    return story.headline


def move_a_story(site: Site, committing: Committing) -> Marker:
    story = site.P2
    story.section = site.E1.section
    story.save()
    story.tags.add(*site.E1.tags.all())
    with committing():
        publishing.record_edit(story, {"section", "tags"})
    return story.get_absolute_url()


def correct_a_story(site: Site, committing: Committing) -> Marker:
    with committing():
        correcting.add_correction(
            site.P1, kind="correction", text="An earlier version misstated the vote: 71 to 29."
        )
    return "misstated the vote: 71 to 29"


def reorder_the_front_page(site: Site, committing: Committing) -> Marker:
    with committing():
        front_page.arrange(site.P1.edition, [(site.P2.pk, 1), (site.P1.pk, 2)])
    first, second = site.P2.headline, site.P1.headline

    def p2_leads(page: str) -> bool:
        top = page.split('class="top-stories"', 1)[1].split("</section>", 1)[0]
        return first in top and second in top and top.index(first) < top.index(second)

    return p2_leads


CHANGES: dict[str, Callable[[Site, Committing], Marker]] = dict(
    zip(
        PURGED,
        (edit_a_headline, move_a_story, correct_a_story, reorder_the_front_page),
        strict=True,
    )
)


@pytest.mark.parametrize("change", PURGED)
def test_an_edit_refreshes_every_page_that_shows_it_and_no_other(change, site, caches, committing):
    assert_purge_graph(change, PURGED[change], CHANGES[change], site, committing)
