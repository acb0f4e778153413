"""The writing tools of the article screen:
the body editor, word count, reading time, slug and headline hints.
"""


class WritingMixin:
    """Mixed into :class:`dateline.newsroom.articles.ArticleAdmin`."""
