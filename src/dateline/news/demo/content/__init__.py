"""Our own story templates, by section. Every story is written in English, Azerbaijani and Russian.

All people, towns, organisations, clubs and titles are invented; the texts are
neutral and describe no real event. Add a template by writing it in the section's
module and listing it in that module's ``STORIES``.
"""

from dateline.news.demo.content import (
    culture,
    economy,
    letters,
    politics,
    society,
    sport,
    world,
)
from dateline.news.demo.story import StoryTemplate

STORIES: tuple[StoryTemplate, ...] = (
    *politics.STORIES,
    *letters.STORIES,
    *economy.STORIES,
    *society.STORIES,
    *world.STORIES,
    *sport.STORIES,
    *culture.STORIES,
)
