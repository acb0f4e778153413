"""Demo content: a newsroom full of neutral, synthetic stories in three languages.

``dateline demo`` is the only caller. The pieces, in dependency order:

- :mod:`.vocabulary` — people, towns, numbers and dates in every language (Faker pools);
- :mod:`.story` and :mod:`.content` — our own story templates, one module per section;
- :mod:`.structure` — editions, sections, authors, sources and tags, created when missing;
- :mod:`.editor` — the demo editor account and its password file;
- :mod:`.generator` — bulk creation of the stories themselves.
"""
