"""Registers the newsroom's screens. Each model's screen lives in its own module."""

import dateline.newsroom.audit  # (publishing actions and sign-ins, read only)
import dateline.newsroom.media  # (the picture library)
import dateline.newsroom.newsletters  # (subscribers, issues)
import dateline.newsroom.people  # (accounts, roles and desks; replaces Django's user screen)
import dateline.newsroom.recommendations  # (recommend news to friend)
import dateline.newsroom.reports  # noqa: F401  (reader error reports)
from dateline.newsroom import articles, mail, structure  # noqa: F401
