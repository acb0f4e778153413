"""Review workflow on the article screen:
submit, return, publish within one's desks, embargo, internal notes.
"""


class WorkflowMixin:
    """Mixed into :class:`dateline.newsroom.articles.ArticleAdmin`."""
