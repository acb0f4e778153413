"""The page cache: reader pages served near static-file speed, and never out of date.

Where things are:

    keys.py         surrogate keys: the names a page is filed under (what it shows, which list)
    policy.py       what may be cached (``@cached_page``), its address, the Cache-Control sent
    entries.py      one stored page
    backends/       where pages live: disk (embedded default), Redis, memory (tests)
    store.py        a process's page cache: its memory in front of the backend, purge-log reader
    middleware.py   inside Django: render once, store, serve stale (no stampede, no outage)
    hot_path.py     before Django: a fresh page answered from memory (``dateline serve``)
    purging.py      the purge graph: domain signals -> keys
    cdn.py          purging a CDN or Varnish over HTTP

Dependencies point down: hot_path / middleware -> store -> backends -> entries;
purging -> keys, store, cdn; views depend only on ``policy.cached_page`` and ``keys.add``.
"""
