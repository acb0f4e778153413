"""Story templates: one story told in English, Azerbaijani and Russian, with slots.

A body is written as a list of blocks in a tiny markup, compiled once to an HTML
format string:

- ``"## Subhead"`` → ``<h2>Subhead</h2>``
- ``"> Quoted paragraph"`` → a paragraph of a ``<blockquote>``; consecutive ones share it
- ``"!! <ul>…</ul>"`` → raw HTML, as written
- anything else → ``<p>…</p>``

Slots are ``str.format`` fields filled from :func:`vocabulary.story_contexts` plus the
template's own ``pools``: ``"{town} council adopts {year} budget"``.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dateline.news.demo.vocabulary import Choice, Forms, choices
from dateline.news.models import Genre


@dataclass(frozen=True)
class Text:
    headline: str
    lead: str
    body: str


def text(headline: str, lead: str, blocks: Sequence[str]) -> Text:
    return Text(headline=headline, lead=lead, body=compile_blocks(blocks))


def compile_blocks(blocks: Sequence[str]) -> str:
    html: list[str] = []
    quote: list[str] = []
    for block in blocks:
        if block.startswith("> "):
            quote.append(f"<p>{block[2:]}</p>")
            continue
        if quote:
            html.append(f"<blockquote>{''.join(quote)}</blockquote>")
            quote = []
        if block.startswith("## "):
            html.append(f"<h2>{block[3:]}</h2>")
        elif block.startswith("!! "):
            html.append(block[3:])
        else:
            html.append(f"<p>{block}</p>")
    if quote:
        html.append(f"<blockquote>{''.join(quote)}</blockquote>")
    return "\n".join(html)


@dataclass(frozen=True)
class StoryTemplate:
    """One story, its section key (``politics``…) and genre, in every language."""

    section: str
    genre: Genre
    texts: Mapping[str, Text]
    weight: int = 1
    pools: Mapping[str, Sequence[Choice]] = field(default_factory=dict)


def story(
    section: str,
    genre: Genre,
    *,
    en: Text,
    az: Text,
    ru: Text,
    weight: int = 1,
    pools: Mapping[str, Sequence[Forms]] | None = None,
) -> StoryTemplate:
    return StoryTemplate(
        section=section,
        genre=genre,
        texts={"en": en, "az": az, "ru": ru},
        weight=weight,
        pools={name: choices(items) for name, items in (pools or {}).items()},
    )
