"""Registers the newsroom's screens. Each model's screen lives in its own module."""

import dateline.newsroom.newsletters  # (subscribers, issues)
import dateline.newsroom.recommendations  # (recommend news to friend)
import dateline.newsroom.reports  # noqa: F401  (reader error reports)
from dateline.newsroom import articles, mail, structure  # noqa: F401
