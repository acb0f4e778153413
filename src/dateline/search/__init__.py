"""Full-text search over the whole archive, for readers and the newsroom.

- :mod:`.languages` and :mod:`.text` — words as both engines see them (folding, stemming);
- :mod:`.query` — what a reader types, parsed into words, phrases, prefixes and exclusions;
- :mod:`.engines` — SQLite FTS5 and PostgreSQL ``tsvector``/GIN behind one interface;
- :mod:`.indexing` — the index follows publish, update and unpublish on commit;
- :mod:`.searching` — ids to stories a reader may see, with highlighted snippets;
- :mod:`.snippets` — the passage of a story that shows why it matched.

docs/search.md explains the design and its figures.
"""
