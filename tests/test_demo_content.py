"""``dateline demo`` fills every edition with linked translations; ``createeditor`` adds editors."""

import io
import random
import stat
from collections import defaultdict
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from dateline.lib.transliteration import ascii_slug
from dateline.news.demo.content import STORIES
from dateline.news.demo.editor import LOGIN_FILE
from dateline.news.demo.vocabulary import LANGUAGES, Pools, story_contexts
from dateline.news.models import (
    Article,
    ArticleAuthor,
    Author,
    Edition,
    Genre,
    Section,
    Source,
    Status,
    Tag,
)
from dateline.newsroom.roles import CHIEF_EDITORS, EDITORS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """The demo editor's password file goes into a folder of the test's own."""
    settings.DATA_DIR = tmp_path
    return tmp_path


def demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def createeditor(*args: str) -> str:
    out = io.StringIO()
    call_command("createeditor", *args, stdout=out)
    return out.getvalue()


def test_demo_creates_three_editions_with_sections_in_each():
    demo("--articles", "30", "--seed", "1")

    editions = {edition.code: edition for edition in Edition.objects.all()}
    assert set(editions) == {"en", "az", "ru"}
    assert Edition.objects.default().code == "en"
    assert editions["az"].name == "Azərbaycanca"
    assert editions["ru"].name == "Русский"
    for edition in editions.values():
        assert edition.language == edition.code
        assert edition.time_zone == "Asia/Baku"
        assert edition.date_format == "d E Y [H:i]"
        assert edition.sections.count() == 6
        assert all(section.description for section in edition.sections.all())
    assert set(editions["az"].sections.values_list("slug", flat=True)) == {
        "siyaset", "iqtisadiyyat", "cemiyyet", "dunya", "idman", "medeniyyet",
    }  # fmt: skip
    assert set(editions["ru"].sections.values_list("name", "slug")) == {
        ("Политика", "politika"), ("Экономика", "ekonomika"), ("Общество", "obshchestvo"),
        ("В мире", "mir"), ("Спорт", "sport"), ("Культура", "kultura"),  # noqa: RUF001
    }  # fmt: skip


def test_every_story_is_published_in_all_three_editions_linked_as_translations():
    demo("--articles", "60", "--seed", "2")

    published = Article.objects.filter(status=Status.PUBLISHED).select_related("edition", "section")
    assert published.count() == 60
    stories = defaultdict(list)
    for article in published:
        stories[article.translation_group].append(article)
    assert len(stories) == 20
    for versions in stories.values():
        assert sorted(article.edition.code for article in versions) == ["az", "en", "ru"]
        assert len({article.section.position for article in versions}) == 1
        assert len({article.genre for article in versions}) == 1
        bylines = {
            tuple(ArticleAuthor.objects.filter(article=article).values_list("author", flat=True))
            for article in versions
        }
        assert len(bylines) == 1
        assert 1 <= len(next(iter(bylines))) <= 3
    assert all(article.published_at <= timezone.now() for article in published)
    assert all(article.slug.isascii() and len(article.slug) <= 120 for article in published)


def test_a_count_not_divisible_by_three_leaves_one_story_short_of_translations():
    demo("--articles", "7", "--seed", "3")

    assert Article.objects.filter(status=Status.PUBLISHED).count() == 7
    groups = Article.objects.filter(status=Status.PUBLISHED).values_list(
        "translation_group", flat=True
    )
    sizes = sorted(list(groups).count(group) for group in set(groups))
    assert sizes == [1, 3, 3]


def test_bodies_contain_block_quotes_and_no_script():
    demo("--articles", "150", "--seed", "4")

    bodies = list(Article.objects.values_list("body", flat=True))
    assert not any("<script" in body or "onclick" in body for body in bodies)
    assert sum("<blockquote>" in body for body in bodies) > len(bodies) / 2
    assert any("<h2>" in body for body in bodies)
    assert any('<a href="https://example.org/' in body for body in bodies)
    assert any("“" in body for body in bodies) and any("«" in body for body in bodies)
    assert all(body.count("<p>") >= 4 for body in bodies)
    assert "lorem" not in " ".join(bodies).lower()


def test_an_official_statement_reads_like_a_long_letter():
    demo("--articles", "300", "--seed", "5")

    letters = Article.objects.filter(genre=Genre.OFFICIAL_STATEMENT, edition__code="en")
    assert letters.exists()
    body = letters.first().body
    quoted = body.split("<blockquote>")[1].split("</blockquote>")[0]
    assert quoted.count("<p>") >= 8
    assert "Dear participants" in quoted and "Respectfully," in quoted


def test_every_genre_appears_in_a_large_enough_run():
    demo("--articles", "900", "--seed", "6")

    assert set(Article.objects.values_list("genre", flat=True)) == set(Genre.values)


def test_every_template_renders_in_every_language():
    rng = random.Random(7)
    pools = Pools(rng, people=20)
    for template in STORIES:
        contexts = story_contexts(rng, pools, timezone.now(), "Caspian Wire")
        for slot, items in template.pools.items():
            rng.choice(items).put(slot, contexts)
        for language in LANGUAGES:
            text = template.texts[language]
            headline = text.headline.format_map(contexts[language])
            body = text.body.format_map(contexts[language])
            assert "{" not in headline + body, (template.section, template.genre, language)
            assert len(headline) <= 200


def test_there_is_one_breaking_story_and_a_few_top_stories_per_edition():
    demo("--articles", "90", "--seed", "8")
    demo("--articles", "30", "--seed", "9")

    for edition in Edition.objects.all():
        breaking = Article.objects.filter(edition=edition, is_breaking=True)
        assert breaking.count() == 1
        assert breaking.get().published_at > timezone.now() - timedelta(days=1)
        assert 1 <= Article.objects.filter(edition=edition, is_top_story=True).count() <= 3


def test_the_newsroom_gets_drafts_and_a_story_scheduled_about_two_hours_ahead():
    demo("--articles", "30", "--seed", "10")

    for edition in Edition.objects.all():
        articles = Article.objects.filter(edition=edition)
        assert articles.filter(status=Status.DRAFT, published_at=None).count() == 2
        scheduled = articles.get(status=Status.SCHEDULED)
        ahead = scheduled.published_at - timezone.now()
        assert timedelta(hours=1, minutes=55) < ahead <= timedelta(hours=2)
        assert scheduled not in Article.objects.published()


def test_if_empty_does_not_add_articles_on_a_second_run():
    demo("--articles", "30", "--seed", "11")
    before = Article.objects.count()

    output = demo("--if-empty", "--articles", "30")

    assert Article.objects.count() == before
    assert "left as it is" in output
    assert "Demo newsroom: http://127.0.0.1:8000/newsroom/  user: editor  password: " in output


def test_running_demo_again_adds_articles_but_no_second_newsroom():
    demo("--articles", "30", "--seed", "12")
    counts = [model.objects.count() for model in (Edition, Section, Author, Source, Tag)]

    demo("--articles", "30", "--seed", "13")

    assert Article.objects.filter(status=Status.PUBLISHED).count() == 60
    assert [model.objects.count() for model in (Edition, Section, Author, Source, Tag)] == counts
    assert counts[:2] == [3, 18] and counts[2] == 12 and 25 <= counts[4] <= 35


def test_demo_editor_can_log_in_to_the_newsroom(data_dir, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    output = demo("--articles", "3", "--seed", "14")

    login_file = data_dir / LOGIN_FILE
    assert stat.S_IMODE(login_file.stat().st_mode) == 0o600
    password = output.rsplit("password: ", 1)[1].strip()
    assert f"password: {password}" in login_file.read_text()
    assert "http://127.0.0.1:8123/newsroom/" in output
    editor = get_user_model().objects.get(username="editor")
    assert editor.is_staff and not editor.is_superuser
    assert editor.groups.filter(name=EDITORS).exists()

    client = Client()
    signed_in = client.post("/newsroom/login/", {"username": "editor", "password": password})
    assert signed_in.status_code == 302
    assert client.get("/newsroom/").status_code == 200


def test_a_later_run_prints_the_same_demo_editor_password():
    first = demo("--articles", "3", "--seed", "15")
    second = demo("--if-empty")

    assert first.rsplit("password: ", 1)[1] == second.rsplit("password: ", 1)[1]
    assert get_user_model().objects.filter(username="editor").count() == 1


def test_createeditor_makes_a_staff_user_in_editors(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a long and unusual phrase")

    createeditor("alice", "--email", "alice@example.org", "--password-from-env", "EDITOR_PASSWORD")

    alice = get_user_model().objects.get(username="alice")
    assert alice.is_staff and not alice.is_superuser
    assert alice.email == "alice@example.org"
    assert list(alice.groups.values_list("name", flat=True)) == [EDITORS]
    assert alice.check_password("a long and unusual phrase")
    assert alice.has_perm("news.change_article") and alice.has_perm("news.delete_tag")
    assert alice.has_perm("news.view_edition") and not alice.has_perm("news.change_edition")
    assert not alice.has_perm("news.delete_article")


def test_createeditor_chief_may_also_delete_stories(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a long and unusual phrase")

    createeditor("chief", "--chief", "--password-from-env", "EDITOR_PASSWORD")

    chief = get_user_model().objects.get(username="chief")
    assert set(chief.groups.values_list("name", flat=True)) == {EDITORS, CHIEF_EDITORS}
    assert chief.has_perm("news.delete_article")


def test_createeditor_refuses_an_existing_username(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a long and unusual phrase")
    createeditor("alice", "--password-from-env", "EDITOR_PASSWORD")

    with pytest.raises(CommandError, match="already exists"):
        createeditor("alice", "--password-from-env", "EDITOR_PASSWORD")


def test_createeditor_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "12345")

    with pytest.raises(CommandError, match="too short"):
        createeditor("bob", "--password-from-env", "EDITOR_PASSWORD")
    assert not get_user_model().objects.filter(username="bob").exists()


def test_transliteration_gives_readable_ascii_slugs():
    assert ascii_slug("Şəhər mərkəzində çıxış") == "seher-merkezinde-cixis"  # noqa: RUF001
    assert ascii_slug("Москва объявила") == "moskva-obyavila"
    assert ascii_slug("İqtisadiyyat: Göyçay") == "iqtisadiyyat-goycay"
    assert ascii_slug("Щедрый Юг") == "shchedryy-yug"


def test_a_long_slug_is_cut_at_a_word_boundary():
    slug = ascii_slug("Parlament " * 30)

    assert len(slug) <= 120
    assert slug.endswith("parlament")
