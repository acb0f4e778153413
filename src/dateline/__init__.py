"""Dateline: the newsroom where stories are written and the site where readers read them."""

__version__ = "0.1.0"
