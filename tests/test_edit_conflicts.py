"""Two editors change the same story: the second save does not overwrite the first. The second
editor gets a conflict page with both versions and every word they typed, and chooses to keep
theirs (a deliberate second save) or to start again from the saved version with their text
kept beside the form."""

import threading
import time
from datetime import UTC, datetime

import pytest

from dateline.editorial import revisions
from dateline.editorial.models import Revision
from dateline.news.models import Article
from tests import factories
from tests.revision_helpers import FormData, change_url, open_story, save, signed_in
from tests.threads import closing_connection, in_own_thread

NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def desk(db):
    en = factories.edition("en")
    return {
        "politics": factories.section(en, name="Politics"),
        "aysel": factories.author("Aysel Mammadova"),
        "rauf": factories.author("Rauf Aliyev"),
    }


@pytest.fixture
def story(desk):
    return factories.draft(
        sec=desk["politics"],
        headline="Parliament passes the budget",
        lead="The vote was 80 to 20.",
        body="<p>The budget passed on Wednesday.</p>",
        authors=[desk["aysel"]],
    )


@pytest.fixture
def first(db):
    """The editor who saves first."""
    return signed_in(factories.editor("leyla"))


@pytest.fixture
def second(db):
    """The editor who opened the story at the same time and saves second."""
    return signed_in(factories.editor("tural"))


def stored(story: Article) -> Article:
    return Article.objects.get(pk=story.pk)


@pytest.fixture
def conflict(story, desk, first, second):
    """Both open the story; Leyla saves a new headline; Tural then saves his own changes."""
    leylas_form = open_story(first, story)
    turals_form = open_story(second, story)
    response = save(first, story, leylas_form, headline="Budget passes after a long night")
    assert response.status_code == 302
    return save(
        second,
        story,
        turals_form,
        headline="Parliament approves the budget",
        lead="Deputies voted 80 to 20 on Wednesday.",
        body="<p>The budget passed on Wednesday evening.</p><p>A second paragraph.</p>",
        **{
            "articleauthor_set-1-author": str(desk["rauf"].pk),
            "articleauthor_set-1-position": "1",
            "articleauthor_set-TOTAL_FORMS": "2",
        },
    )


@pytest.mark.django_db
def test_the_second_save_does_not_overwrite_the_first(conflict, story):
    assert conflict.status_code == 409
    saved = stored(story)
    assert saved.headline == "Budget passes after a long night"
    assert saved.lead == "The vote was 80 to 20."
    assert [a.name for a in saved.authors.all()] == ["Aysel Mammadova"]
    # Revision 1 (the story before its history), Leyla's save; nothing from Tural.
    assert list(Revision.objects.filter(article=story).values_list("number", flat=True)) == [
        2,
        1,
    ]
    assert saved.version == 2


@pytest.mark.django_db
def test_the_conflict_page_says_who_saved_first_and_shows_every_word_typed(conflict):
    page = conflict.content.decode()

    assert "Your changes were not saved." in page
    assert "leyla" in page
    # What Tural typed, in full, ready to copy.
    assert "Parliament approves the budget" in page
    assert "Deputies voted 80 to 20 on Wednesday." in page
    assert (
        "&lt;p&gt;The budget passed on Wednesday evening.&lt;/p&gt;&lt;p&gt;A second "
        "paragraph.&lt;/p&gt;" in page
    )
    assert "Aysel Mammadova, Rauf Aliyev" in page
    # Their saved version, and the words between the two.
    assert "Budget passes after a long night" in page
    assert (
        "<del>Budget passes after a long night</del><ins>Parliament approves the budget</ins>"
        in page
    )
    assert "<ins>A second paragraph.</ins>" in page


@pytest.mark.django_db
def test_keeping_my_version_is_a_deliberate_second_save_over_theirs(conflict, story, second):
    keep_mine = FormData(conflict.content.decode(), "keep-mine").data
    assert "csrfmiddlewaretoken" in keep_mine

    response = second.post(change_url(story), keep_mine)

    assert response.status_code == 302
    saved = stored(story)
    assert saved.headline == "Parliament approves the budget"
    assert saved.lead == "Deputies voted 80 to 20 on Wednesday."
    assert "A second paragraph." in saved.body
    assert [a.name for a in saved.authors.order_by("articleauthor__position")] == [
        "Aysel Mammadova",
        "Rauf Aliyev",
    ]
    newest = Revision.objects.filter(article=story).order_by("-number").first()
    assert newest is not None
    assert newest.created_by is not None
    assert newest.created_by.username == "tural"
    # Leyla's version is not lost: it is the revision before.
    before = Revision.objects.get(article=story, number=newest.number - 1)
    assert before.snapshot["headline"] == "Budget passes after a long night"
    # What Tural typed is saved now, so it is no longer offered as unsaved text.
    assert 'id="kept-edit"' not in second.get(change_url(story)).content.decode()


@pytest.mark.django_db
def test_keeping_my_version_conflicts_again_if_someone_saved_in_the_meantime(
    conflict, story, first, second
):
    keep_mine = FormData(conflict.content.decode(), "keep-mine").data
    save(first, story, open_story(first, story), lead="A third version of the lead.")

    response = second.post(change_url(story), keep_mine)

    assert response.status_code == 409
    assert stored(story).lead == "A third version of the lead."


@pytest.mark.django_db
def test_starting_from_their_version_keeps_my_text_beside_the_form_until_discarded(
    conflict, story, second
):
    page = second.get(change_url(story)).content.decode()

    assert 'id="kept-edit"' in page
    assert "Your unsaved text" in page
    assert "Parliament approves the budget" in page
    assert "Deputies voted 80 to 20 on Wednesday." in page
    assert "Aysel Mammadova, Rauf Aliyev" in page  # the byline he chose
    # The form itself is their version, from the current version.
    form = FormData(page, "article_form").data
    assert form["headline"] == "Budget passes after a long night"
    assert form["edit_version"] == "2"

    second.post(f"/newsroom/news/article/{story.pk}/kept-text/discard/")

    assert 'id="kept-edit"' not in second.get(change_url(story)).content.decode()


@pytest.mark.django_db
def test_saving_again_from_a_fresh_form_is_no_conflict(story, first):
    for n in range(3):
        response = save(first, story, open_story(first, story), lead=f"Lead number {n}.")
        assert response.status_code == 302

    assert stored(story).lead == "Lead number 2."
    assert stored(story).version == 4


@pytest.mark.django_db
def test_a_form_without_its_version_is_refused_rather_than_risk_overwriting(story, first):
    form = open_story(first, story)
    del form["edit_version"]

    response = save(first, story, form, headline="Forged headline")

    assert response.status_code == 200
    assert "does not say which version of the story it was opened from" in response.content.decode()
    assert stored(story).headline == "Parliament passes the budget"


@pytest.mark.django_db
def test_a_restore_while_someone_is_editing_makes_their_save_a_conflict(story, first, second):
    save(first, story, open_story(first, story), headline="A new headline")
    open_form = open_story(second, story)
    revisions.restore(story.pk, 1)

    response = save(second, story, open_form, lead="Typed after the restore.")

    assert response.status_code == 409
    assert stored(story).headline == "Parliament passes the budget"


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_from_the_same_version_cannot_both_win(
    monkeypatch, database_like_production
):
    def set_up():
        sec = factories.section(factories.edition("en"), name="Politics")
        story = factories.draft(sec=sec, headline="Parliament passes the budget")
        browsers = {name: signed_in(factories.editor(name)) for name in ("leyla", "tural")}
        forms = {name: open_story(browser, story) for name, browser in browsers.items()}
        return story, browsers, forms

    # Everything in other threads: on SQLite they share a database file this thread never opens.
    story, browsers, forms = in_own_thread(set_up)
    # Hold each save open a moment after its version check, so the two overlap.
    record = revisions.record

    def slow_record(*args, **kwargs):
        time.sleep(0.3)
        return record(*args, **kwargs)

    monkeypatch.setattr(revisions, "record", slow_record)
    start = threading.Barrier(2)
    results: dict[str, int] = {}

    def editing(name):
        def work():
            start.wait()
            response = save(browsers[name], story, forms[name], headline=f"Headline by {name}")
            results[name] = response.status_code

        return lambda: closing_connection(work)

    threads = [threading.Thread(target=editing(name)) for name in ("leyla", "tural")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(results.values()) == [302, 409]
    winner = next(name for name, status in results.items() if status == 302)
    saved = in_own_thread(lambda: Article.objects.get(pk=story.pk))
    assert saved.headline == f"Headline by {winner}"
    assert saved.version == 2
    # The story as it stood, and the winner's save: nothing recorded for the loser.
    assert in_own_thread(lambda: Revision.objects.filter(article=story).count()) == 2


@pytest.mark.django_db
def test_the_conflict_page_says_when_keeping_my_version_also_publishes(story, first, second):
    turals_form = open_story(second, story)
    save(first, story, open_story(first, story), headline="Budget passes after a long night")

    response = second.post(
        change_url(story), {**turals_form, "headline": "Parliament approves", "_publish": "1"}
    )

    assert response.status_code == 409
    assert "As you asked, this will also publish it." in response.content.decode()
    assert stored(story).status == "draft"


@pytest.mark.django_db
def test_a_form_opened_before_the_front_page_was_arranged_cannot_undo_it(desk, first):
    from django.utils import timezone

    from dateline.news import front_page, publishing

    story = factories.draft(sec=desk["politics"], headline="Ferry line reopens")
    publishing.publish(story)
    form = open_story(first, story)  # opened while the story is not a top story

    front_page.add(story.edition, story.pk, position=1, now=timezone.now())

    response = save(first, story, form, lead="Tickets go on sale on Friday.")
    assert response.status_code == 409
    saved = stored(story)
    assert (saved.is_top_story, saved.top_position) == (True, 1)
    assert saved.lead != "Tickets go on sale on Friday."
