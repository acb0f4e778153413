"""Revisions on the article screen:
history, word-level diff, restore, edit conflicts, shared preview links.
"""


class RevisionsMixin:
    """Mixed into :class:`dateline.newsroom.articles.ArticleAdmin`."""
