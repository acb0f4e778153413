"""Corrections, clarifications and updates added to a published story from its screen."""


class CorrectionsMixin:
    """Mixed into :class:`dateline.newsroom.articles.ArticleAdmin`."""
