"""What changed between two snapshots of a story, for people to read.

Headline, lead and body are compared word by word; the body as its text with paragraph
breaks kept (tags would drown the words), link addresses and pictures written out so that a
changed link still shows. Every other field is shown as before and after.

The output is HTML built only from escaped text and our own ``<ins>``/``<del>`` marks: a
story's HTML is never rendered as HTML in a diff. ::

    >>> word_diff("The vote was 80 to 20.", "The vote was 81 to 19.")
    'The vote was <del>80</del><ins>81</ins> to <del>20</del><ins>19</ins>.'
"""

import re
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from html.parser import HTMLParser
from typing import Any

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from dateline.editorial.revisions import FIELD_LABELS, LABELS, SNAPSHOT_FIELDS
from dateline.news.models import Genre

TEXT_FIELDS = ("headline", "lead", "body")
PARAGRAPH = "\n\n"
# Comparing two blocks costs about the product of their lengths in words; beyond this the
# blocks are shown as replaced whole rather than keeping the newsroom waiting.
MAX_WORD_PAIRS = 4_000_000

# A word, a run of spaces, a paragraph break, or one punctuation mark.
_TOKENS = re.compile(r"\n+|[^\S\n]+|\w+|[^\w\s]")


def field_label(name: str) -> str:
    label = FIELD_LABELS.get(name)
    return str(label) if label is not None else name.replace("_", " ").capitalize()


# --- Body HTML as text --------------------------------------------------------------------

_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "figure",
    "figcaption", "table", "tr", "pre", "section", "article", "aside", "hr", "dl", "dt", "dd",
}  # fmt: skip


class _BodyText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._links: list[tuple[str, int]] = []  # href, where the link text starts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in _BLOCKS:
            self.parts.append(PARAGRAPH)
            if tag == "li":
                self.parts.append("• ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self._links.append((a.get("href") or "", len(self.parts)))
        elif tag == "img":
            # Translators: stands for a picture in the text of a story when two versions are
            # compared; the description is the picture's alternative text or its address.
            marker = gettext("[picture: %(description)s]") % {
                "description": a.get("alt") or a.get("src") or ""
            }
            self.parts.append(f" {marker} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(PARAGRAPH)
        elif tag == "a" and self._links:
            href, start = self._links.pop()
            text = "".join(self.parts[start:]).strip()
            if href and href != text:
                self.parts.append(f" [{href}]")

    def handle_data(self, data: str) -> None:
        self.parts.append(re.sub(r"\s+", " ", data))


def body_text(html: str) -> str:
    """The body's text: paragraphs separated by a blank line, list items bulleted, link
    addresses in brackets after their text."""
    parser = _BodyText()
    parser.feed(html or "")
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[^\S\n]*\n[^\S\n]*", "\n", text)  # no spaces around line breaks
    text = re.sub(r"\n{3,}", PARAGRAPH, text)
    text = re.sub(r"[^\S\n]{2,}", " ", text)
    return text.strip()


# --- Word diff ----------------------------------------------------------------------------


def _is_space(token: str) -> bool:
    return token.isspace()


def _segments(before: str, after: str) -> list[list[str]]:
    """``[op, old, new]`` runs, op being "equal" or "change"."""
    a, b = _TOKENS.findall(before), _TOKENS.findall(after)
    if len(a) * len(b) > MAX_WORD_PAIRS:
        return [["change", before, after]]
    matcher = SequenceMatcher(_is_space, a, b, autojunk=False)
    runs: list[list[str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        kind = "equal" if op == "equal" else "change"
        # A single space between two changes belongs to the change: "<del>a b</del>" reads
        # better than "<del>a</del> <del>b</del>".
        if (
            kind == "change"
            and len(runs) >= 2
            and runs[-1][0] == "equal"
            and runs[-1][1].isspace()
            and "\n" not in runs[-1][1]
            and runs[-2][0] == "change"
        ):
            space = runs.pop()[1]
            runs[-1][1] += space + old
            runs[-1][2] += space + new
        elif kind == "change" and runs and runs[-1][0] == "change":
            runs[-1][1] += old
            runs[-1][2] += new
        else:
            runs.append([kind, old, new])
    return runs


def _leading_space(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing_space(text: str) -> str:
    return text[len(text.rstrip()) :]


def _render_change(old: str, new: str) -> str:
    if not old.strip() and not new.strip():
        # Only spacing changed: a paragraph split or joined is worth showing.
        if "\n" in new and "\n" not in old:
            return str(
                format_html(
                    '<ins class="diff-break" title="{}">¶</ins>{}', gettext("new paragraph"), new
                )
            )
        if "\n" in old and "\n" not in new:
            return str(
                format_html(
                    '<del class="diff-break" title="{}">¶</del>{}',
                    gettext("paragraphs joined"),
                    new,
                )
            )
        return escape(new)
    if not new.strip():
        # Words removed: the spacing they took goes with them, inside the mark, so that the
        # text outside the marks is exactly the new text.
        return escape(new) + str(format_html("<del>{}</del>", old))
    # Words added or replaced: the new text's own spacing stays outside the marks.
    lead, trail = _leading_space(new), _trailing_space(new)
    parts: list[str] = [escape(lead)]
    if old.strip():
        parts.append(str(format_html("<del>{}</del>", old.strip())))
    parts.append(str(format_html("<ins>{}</ins>", new.strip())))
    parts.append(escape(trail))
    return "".join(parts)


def word_diff(before: str, after: str) -> SafeString:
    """``after`` with words only in ``before`` in ``<del>`` and words new in it in ``<ins>``."""
    html: list[str] = []
    for kind, old, new in _segments(before or "", after or ""):
        html.append(escape(new) if kind == "equal" else _render_change(old, new))
    return mark_safe("".join(html))  # every piece above was escaped


def text_diff(before: str, after: str) -> SafeString:
    """Word diff of multi-paragraph text, paragraph by paragraph: unchanged paragraphs are
    matched first, so a rewritten paragraph is compared only with the one it replaced."""
    old_paras = [p for p in (before or "").split(PARAGRAPH) if p.strip()]
    new_paras = [p for p in (after or "").split(PARAGRAPH) if p.strip()]
    matcher = SequenceMatcher(None, old_paras, new_paras, autojunk=False)
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [escape(p) for p in new_paras[j1:j2]]
        elif op == "insert":
            out += [str(format_html("<ins>{}</ins>", p)) for p in new_paras[j1:j2]]
        elif op == "delete":
            out += [str(format_html("<del>{}</del>", p)) for p in old_paras[i1:i2]]
        else:
            old_block, new_block = old_paras[i1:i2], new_paras[j1:j2]
            if len(old_block) == len(new_block):
                out += [word_diff(o, n) for o, n in zip(old_block, new_block, strict=True)]
            else:
                out.append(word_diff(PARAGRAPH.join(old_block), PARAGRAPH.join(new_block)))
    return mark_safe(PARAGRAPH.join(out))  # built from escaped pieces


# --- Whole snapshots ----------------------------------------------------------------------


def display(snapshot: dict[str, Any], name: str) -> str:
    """A field's value as the newsroom shows it (names, not ids; local times)."""
    value = snapshot.get(name)
    labels = snapshot.get(LABELS, {})
    if name in ("tags", "byline"):
        names = labels.get(name) or [str(v) for v in value or []]
        return ", ".join(names) if names else "—"
    if name in ("edition", "section", "source", "picture"):
        return labels.get(name) or (f"#{value}" if value is not None else "—")
    if name == "genre":
        try:
            return str(Genre(str(value)).label)
        except ValueError:
            return str(value or "—")
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if name in ("published_at", "breaking_until", "embargo_until"):
        if not value:
            return "—"
        local = timezone.localtime(datetime.fromisoformat(value))
        return f"{format_date(local, 'd E Y H:i')} ({local.tzname()})"
    if value is None or value == "":
        return "—"
    return str(value)


@dataclass
class TextChange:
    name: str
    label: str
    html: SafeString
    changed: bool


@dataclass
class FieldChange:
    name: str
    label: str
    before: str
    after: str


@dataclass
class Comparison:
    """Headline, lead and body always (changed or not, for context); other fields only when
    they changed."""

    texts: list[TextChange]
    fields: list[FieldChange]

    @property
    def has_changes(self) -> bool:
        return bool(self.fields) or any(t.changed for t in self.texts)


def compare(before: dict[str, Any], after: dict[str, Any]) -> Comparison:
    texts = []
    for name in TEXT_FIELDS:
        old, new = before.get(name) or "", after.get(name) or ""
        # The body is compared as text: its tags would drown the words.
        html = text_diff(body_text(old), body_text(new)) if name == "body" else word_diff(old, new)
        texts.append(TextChange(name, field_label(name), html, old != new))
    fields = [
        FieldChange(name, field_label(name), display(before, name), display(after, name))
        for name in SNAPSHOT_FIELDS
        if name not in TEXT_FIELDS and before.get(name) != after.get(name)
    ]
    return Comparison(texts, fields)
