"""Sitemaps: what search engines and news aggregators are told about the site.

``/sitemap.xml`` is an index of per-edition sitemaps (docs/sitemaps.md):

* ``articles`` — every public story, split by id into buckets of at most
  :data:`~dateline.distribution.sitemaps.buckets.URLS_PER_SITEMAP` URLs, streamed row by row
  so a million-story archive costs the same memory as a hundred;
* ``news`` — the Google News sitemap: the edition's stories of the last 48 hours, at most 1,000;
* ``sections``, ``tags``, ``authors`` — the listing pages, dated by their newest story.

Everything starts from ``Article.objects.published()``; nothing here decides visibility.
Module map: ``addresses`` (absolute URLs), ``xml`` (escaping, dates, the envelope),
``buckets`` (the id ranges), ``articles`` / ``news`` / ``listings`` (one sitemap kind each),
``views`` (HTTP: content type, caching, streaming).
"""
