"""Text pasted from Word or Google Docs is stored clean.

In the browser the editor's schema already drops what it does not know (see
test_browser_editor.py); here the server is tested on its own, with the raw HTML a browser
hands over when text is copied from Word, as if it had arrived without the editor (a
browser without JavaScript, or a direct POST): it keeps the story's structure and loses
Word's styles, classes, fonts, conditional comments and document settings.
"""

import re

import pytest

from dateline.lib.sanitize import clean_body_html
from dateline.news.models import Article
from tests import factories
from tests.editor_helpers import clipboard
from tests.newsroom_forms import ADD_URL, new_story

WORD_LEFTOVERS = re.compile(
    r"mso-|Mso|<span|<font|<o:p|<xml|<w:|<!--|<!\[|style=|class=|lang=|Calibri|Symbol|"
    r"Times New Roman|@list|@font-face|WordDocument|file:///",
    re.I,
)


def test_a_word_clipboard_keeps_its_structure_and_loses_word_s_markup():
    cleaned = clean_body_html(clipboard("word"))

    assert WORD_LEFTOVERS.findall(cleaned) == []
    flat = " ".join(cleaned.split())
    assert "<h2>Budget passes its first reading</h2>" in flat
    assert (
        "<p>Deputies voted <b>87 to 12</b> after a <i>four-hour</i> debate. The speaker, "
        "Sahiba Gafarova, called it “historic”.</p>"
    ) in flat
    assert (
        '<p>Read <a href="https://example.org/budget-2014" rel="noopener noreferrer">the full '
        "text of the bill</a>.</p>"
    ) in flat
    # The list items' words survive (the editor turns them back into lists on paste).
    assert "Pensions rise by eight per cent" in flat
    assert "The president’s signature" in flat  # noqa: RUF001 (as Word typed it)


def test_a_google_docs_clipboard_loses_its_inline_styles():
    cleaned = clean_body_html(clipboard("google_docs"))

    assert not re.search(r"style=|<span|docs-internal-guid|dir=|role=|aria-", cleaned)
    assert "<h2>Budget passes its first reading</h2>" in cleaned
    assert "<ul><li><p>Pensions rise by eight per cent</p></li>" in cleaned
    assert '<a href="https://example.org/budget-2014" rel="noopener noreferrer">' in cleaned


@pytest.mark.django_db
def test_a_story_posted_with_word_html_is_stored_clean(client):
    sec = factories.section()
    client.force_login(factories.editor())

    form = new_story(client, sec)
    form["body"] = clipboard("word")
    response = client.post(ADD_URL, form)

    assert response.status_code == 302
    body = Article.objects.get().body
    assert WORD_LEFTOVERS.findall(body) == []
    assert body.startswith("<h2>Budget passes its")  # not with the blank lines of <head>
    assert clean_body_html(body) == body  # saving it again changes nothing
