"""Structured data and social previews: how a page describes itself to search engines,
news aggregators and link previews.

Public surface (the template tags in ``distribution/templatetags/structured_data.py`` are its
only callers):

- ``articles.news_article`` / ``articles.breadcrumbs`` — a story's JSON-LD nodes;
- ``outlet.organization`` / ``outlet.website`` — the home page's JSON-LD nodes;
- ``previews.page_preview`` / ``previews.article_preview`` — Open Graph and Twitter values;
- ``serialising.json_ld_script`` — nodes into a ``<script type="application/ld+json">`` that no
  headline can break out of.

Everything is built from objects the page has already loaded: no module here runs a query.
Inside the package: ``addresses`` ← ``genres`` / ``outlet`` ← ``articles`` ← ``previews``.
"""
