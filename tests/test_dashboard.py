"""The newsroom opens on a dashboard: what I am writing, what waits for review, what goes out
next (overdue flagged), what just went out, what readers read and what they report."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from dateline.analytics.models import ArticleViews
from dateline.editorial.models import AuditAction, AuditEntry
from dateline.news import middleware
from dateline.news.models import Article, ArticleAuthor, ReaderReport, Status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def worker_is_down_and_checked_a_moment_ago(monkeypatch):
    """Overdue stories stay overdue while a test looks at them: the web process's own check
    for due stories ran on the client's first request and will not run again."""
    monkeypatch.setattr(middleware, "CHECK_INTERVAL_SECONDS", 10**9)
    cache.clear()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get("/robots.txt").status_code == 200  # the first request's due check
    return client


def dashboard(client: Client) -> str:
    response = client.get("/newsroom/")
    assert response.status_code == 200
    return response.content.decode()


def block(html: str, key: str) -> str:
    """The HTML of one dashboard block; fails when the block is not on the page."""
    start = html.index(f'<section id="block-{key}"')
    return html[start : html.index("</section>", start)]


def titles(block_html: str) -> list[str]:
    return [
        unescape(title)
        for title in re.findall(r'class="dashboard-item__title" href="[^"]*">([^<]*)<', block_html)
    ]


def set_status(story: Article, status: str, **fields) -> None:
    Article.objects.filter(pk=story.pk).update(status=status, **fields)


def submitted(story: Article, *, ago: timedelta) -> None:
    set_status(story, Status.IN_REVIEW)
    AuditEntry.objects.create(
        action=AuditAction.SUBMITTED, article=story, at=timezone.now() - ago, username="x"
    )


@pytest.fixture
def newsroom():
    en = factories.edition("en", time_zone="Asia/Baku")
    politics = factories.section(en, "Politics")
    reporter = factories.reporter()
    colleague = factories.reporter("colleague")
    byline = factories.author("Reporter Writer")
    byline.user = reporter
    byline.save()
    return {"en": en, "politics": politics, "reporter": reporter, "colleague": colleague,
            "byline": byline}  # fmt: skip


def test_a_reporter_sees_the_drafts_they_wrote_and_not_a_colleagues(newsroom):
    mine = factories.draft(sec=newsroom["politics"], headline="My draft on the budget")
    set_status(mine, Status.DRAFT)
    Article.objects.filter(pk=mine.pk).update(created_by=newsroom["reporter"])
    theirs = factories.draft(sec=newsroom["politics"], headline="A colleague's draft")
    Article.objects.filter(pk=theirs.pk).update(created_by=newsroom["colleague"])

    html = dashboard(signed_in(newsroom["reporter"]))

    drafts = block(html, "drafts")
    assert titles(drafts) == ["My draft on the budget"]
    assert "A colleague" not in html
    assert 'href="/newsroom/news/article/?mine=1&amp;status__exact=draft"' in drafts


def test_a_draft_bylined_to_me_is_among_my_drafts(newsroom):
    chief = factories.chief_editor()
    story = factories.draft(sec=newsroom["politics"], headline="Written with the desk")
    Article.objects.filter(pk=story.pk).update(created_by=newsroom["colleague"])
    ArticleAuthor.objects.create(article=story, author=factories.author("Chief Writer"))
    chief_byline = factories.author("Chief")
    chief_byline.user = chief
    chief_byline.save()
    ArticleAuthor.objects.create(article=story, author=chief_byline, position=1)

    drafts = block(dashboard(signed_in(chief)), "drafts")

    assert titles(drafts) == ["Written with the desk"]


def test_a_reporter_follows_their_submitted_stories_but_sees_no_review_queue(newsroom):
    mine = factories.draft(sec=newsroom["politics"], headline="Submitted by me")
    Article.objects.filter(pk=mine.pk).update(created_by=newsroom["reporter"])
    submitted(mine, ago=timedelta(hours=2))
    other = factories.draft(sec=newsroom["politics"], headline="Submitted by a colleague")
    Article.objects.filter(pk=other.pk).update(created_by=newsroom["colleague"])
    submitted(other, ago=timedelta(hours=3))

    html = dashboard(signed_in(newsroom["reporter"]))

    review = block(html, "review")
    assert "My stories in review" in review
    assert titles(review) == ["Submitted by me"]
    assert "waiting 2" in review  # hours
    assert "Arrange the front page" not in html


def test_an_editor_sees_what_waits_for_review_oldest_first(newsroom):
    editor = factories.editor()
    for headline, hours in [("Newer", 1), ("Oldest", 30), ("Middle", 5)]:
        story = factories.draft(sec=newsroom["politics"], headline=headline)
        submitted(story, ago=timedelta(hours=hours))

    review = block(dashboard(signed_in(editor)), "review")

    assert "Waiting for review" in review
    assert titles(review) == ["Oldest", "Middle", "Newer"]
    assert '<span class="dashboard-count">3</span>' in review
    assert 'href="/newsroom/news/article/?status__exact=review"' in review


def test_a_desk_editor_sees_the_review_queue_of_their_desks_only(newsroom):
    sport = factories.section(newsroom["en"], "Sport")
    editor = factories.desk_editor(desks=[(newsroom["en"], sport)])
    submitted(factories.draft(sec=sport, headline="Match report"), ago=timedelta(hours=1))
    submitted(factories.draft(sec=newsroom["politics"], headline="Budget"), ago=timedelta(hours=2))

    review = block(dashboard(signed_in(editor)), "review")

    assert "on my desks" in review
    assert titles(review) == ["Match report"]


def test_scheduled_stories_show_the_editions_clock_and_overdue_ones_are_flagged(newsroom):
    chief = factories.chief_editor()
    client = signed_in(chief)  # the web process has just checked for due stories
    soon = factories.draft(sec=newsroom["politics"], headline="Goes out tomorrow")
    tomorrow = (timezone.now() + timedelta(days=1)).replace(hour=6, minute=0, second=0)
    set_status(soon, Status.SCHEDULED, published_at=tomorrow)
    late = factories.draft(sec=newsroom["politics"], headline="Should be out already")
    set_status(late, Status.SCHEDULED, published_at=timezone.now() - timedelta(minutes=20))

    scheduled = block(dashboard(client), "scheduled")

    assert titles(scheduled) == ["Should be out already", "Goes out tomorrow"]
    baku = tomorrow.astimezone(newsroom["en"].zone)
    assert f"{baku:%H:%M} (Asia/Baku, +04)" in scheduled
    assert re.search(r'class="dashboard-flag">overdue by 2\d\xa0minutes<', scheduled)
    assert scheduled.count("dashboard-flag") == 1
    assert "1 overdue" in scheduled and "dateline worker" in scheduled
    assert "dashboard-block--alert" in scheduled
    listed = client.get("/newsroom/news/article/?schedule=overdue").content.decode()
    assert "Should be out already" in listed and "Goes out tomorrow" not in listed


def test_a_story_held_by_its_embargo_is_not_called_overdue(newsroom):
    chief = factories.chief_editor()
    client = signed_in(chief)
    held = factories.draft(sec=newsroom["politics"], headline="Under embargo")
    set_status(
        held,
        Status.SCHEDULED,
        published_at=timezone.now() - timedelta(minutes=5),
        embargo_until=timezone.now() + timedelta(hours=1),
    )

    scheduled = block(dashboard(client), "scheduled")

    assert "embargoed until" in scheduled
    assert "overdue" not in scheduled


def test_recently_published_lists_the_newest_stories_with_links_to_the_site(newsroom):
    editor = factories.editor()
    old = factories.article(sec=newsroom["politics"], headline="Yesterday's news",
                            at=timezone.now() - timedelta(days=1))  # fmt: skip
    new = factories.article(sec=newsroom["politics"], headline="This morning's news")
    factories.draft(sec=newsroom["politics"], headline="Not out yet")

    published = block(dashboard(signed_in(editor)), "published")

    assert titles(published) == ["This morning's news", "Yesterday's news"]
    assert f'href="{new.get_absolute_url()}"' in published
    assert f'href="{old.get_absolute_url()}"' in published


def test_most_read_shows_the_last_hours_readers_per_edition(newsroom):
    editor = factories.editor()
    popular = factories.article(sec=newsroom["politics"], headline="Everyone reads this")
    quiet = factories.article(sec=newsroom["politics"], headline="Few read this")
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    ArticleViews.objects.create(article=popular, hour=hour, views=1200)
    ArticleViews.objects.create(article=quiet, hour=hour, views=3)

    most_read = block(dashboard(signed_in(editor)), "most-read")

    assert titles(most_read) == ["Everyone reads this", "Few read this"]
    assert "1,200 views" in most_read
    assert "<h3>English</h3>" in most_read


def test_new_error_reports_from_readers_are_listed_newest_first(newsroom):
    editor = factories.editor()
    story = factories.article(sec=newsroom["politics"], headline="The budget passes")
    for text, ago in [("The vote was 61 to 40", 2), ("Minister's name is misspelt", 1)]:
        ReaderReport.objects.create(
            article=story, quoted_text=text, ip_hash="x",
            created_at=timezone.now() - timedelta(hours=ago),
        )  # fmt: skip
    ReaderReport.objects.create(article=story, quoted_text="Handled", ip_hash="x",
                                status="rejected")  # fmt: skip

    reports = block(dashboard(signed_in(editor)), "reports")

    assert titles(reports) == ["Minister's name is misspelt", "The vote was 61 to 40"]
    assert "on “The budget passes”" in unescape(reports)
    assert '<span class="dashboard-count">2</span>' in reports
    assert 'href="/newsroom/news/readerreport/?status__exact=new"' in reports


def test_the_dashboard_links_the_front_page_screen_and_keeps_every_screen_listed(newsroom):
    editor = factories.editor()

    html = dashboard(signed_in(editor))

    assert 'href="/newsroom/front-page/"' in html
    assert "Everything in the newsroom" in html
    assert 'href="/newsroom/news/article/add/"' in html  # the admin's own list of screens


def test_each_block_shows_at_most_ten_and_says_how_many_there_are(newsroom):
    chief = factories.chief_editor()
    for n in range(14):
        story = factories.draft(sec=newsroom["politics"], headline=f"Waiting {n}")
        submitted(story, ago=timedelta(hours=20 - n))

    review = block(dashboard(signed_in(chief)), "review")

    assert len(titles(review)) == 10
    assert "See all (14)" in review


def test_the_dashboard_has_no_inline_styles_or_scripts(newsroom):
    chief = factories.chief_editor()
    late = factories.draft(sec=newsroom["politics"], headline="Late")
    client = signed_in(chief)
    set_status(late, Status.SCHEDULED, published_at=timezone.now() - timedelta(minutes=1))

    html = dashboard(client)

    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert re.search(r" on[a-z]+=", html) is None
    assert "/static/newsroom/dashboard.css" in html
