"""Registers the newsroom's screens. Each model's screen lives in its own module."""

from dateline.newsroom import articles, mail, structure  # noqa: F401
