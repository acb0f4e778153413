"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, each edition, section, author and tag.

- ``generators`` — the three document formats (Django's RSS/Atom generators plus hub links,
  several authors and full text; a small JSON Feed generator of our own).
- ``base`` — :class:`StoryFeed`, the HTTP policy every feed shares: latest 50 public stories,
  conditional GET, caching headers, WebSub ``Link`` headers.
- ``listings`` — the thin subclasses, one per kind of listing; ``urls`` wires them up.
- ``addresses`` — feed URLs for templates (autodiscovery) and for WebSub pings.
- ``hubs`` / ``websub`` / ``tasks`` — pinging a WebSub hub when a story changes.

Depends on ``news`` only.
"""
