"""Surrogate keys: the names under which a cached page is filed, so a change can find it.

A page is filed under two kinds of key:

* **What it shows.** Every story, tag and author loaded while the page renders files the
  page under that object's key (``a42``, ``tn7``, ``an3``), automatically: the models' loads
  are watched while a page is being collected (:func:`collecting`). So a story changed or
  withdrawn reaches every page that showed it — its own page, a list, a feed, a related-stories
  box, Most read — without any view having to remember to say so.
* **Which list it is.** A list page is also filed under the list it is the head of (the
  edition's newest stories, a section's, a tag's…), added by the view with :func:`add`. A
  story published *now* is on none of these pages yet, so its list keys are how publishing
  finds them. Lists are paginated by cursor (``?before=…``), so only a list's first page can
  gain a new story; deeper pages keep their cursor's content and are filed under what they show.

Example::

    with collecting() as page_keys:
        render the page            # loads articles 42 and 43 -> {"a42", "a43"}
        add(section(5), edition(1))
    page_keys == {"a42", "a43", "s5", "x1", ...}
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

_collector: ContextVar[set[str] | None] = ContextVar("page_keys", default=None)

EVERYTHING = "all"  # every cached page carries it: ``dateline pagecache purge all``
SITEMAPS = "sm"  # every sitemap (they list every edition and carry lastmod)


def article(pk: int) -> str:
    return f"a{pk}"


def tag(pk: int) -> str:
    """A page that shows the tag's name (renaming it changes the page)."""
    return f"tn{pk}"


def author(pk: int) -> str:
    """A page that shows the byline (renaming the author changes the page)."""
    return f"an{pk}"


def edition(pk: int) -> str:
    """Every page of the edition: its masthead, navigation and sections."""
    return f"x{pk}"


def edition_latest(pk: int) -> str:
    """The edition's newest stories: its home page's lenta, its feeds, its news sitemap."""
    return f"ed{pk}"


def front_page(pk: int) -> str:
    """The edition's home page arrangement: top stories and the breaking banner."""
    return f"front{pk}"


def section_latest(pk: int) -> str:
    """A section's newest stories: its front's first page, its feeds, its block on the home
    page and the related-stories box of the section's articles."""
    return f"s{pk}"


def tag_latest(edition_pk: int, pk: int) -> str:
    """A tag's newest stories in one edition (tags and authors span editions)."""
    return f"t{edition_pk}:{pk}"


def author_latest(edition_pk: int, pk: int) -> str:
    return f"au{edition_pk}:{pk}"


def archive_day(edition_pk: int, day: date) -> str:
    return f"d{edition_pk}:{day.isoformat()}"


def corrections(edition_pk: int) -> str:
    """The edition's corrections page and feed."""
    return f"c{edition_pk}"


def translations(group: object) -> str:
    """The pages of every language version of one story (their language switchers)."""
    return f"g{group}"


def add(*keys: str) -> None:
    """Files the page being collected under ``keys``; outside a collection it does nothing."""
    current = _collector.get()
    if current is not None:
        current.update(keys)


def active() -> bool:
    return _collector.get() is not None


@contextmanager
def collecting() -> Iterator[set[str]]:
    """Collects the keys of the page rendered inside the block."""
    keys: set[str] = {EVERYTHING}
    token = _collector.set(keys)
    try:
        yield keys
    finally:
        _collector.reset(token)


def _loaded(key_of):
    def receiver(sender, instance, **kwargs) -> None:
        current = _collector.get()
        if current is not None and instance.pk is not None:
            current.add(key_of(instance.pk))

    return receiver


_watchers: list = []


def watch_loads() -> None:
    """Connects the load watchers (from ``PageCacheConfig.ready``)."""
    from django.db.models.signals import post_init

    from dateline.news.models import Article, Author, Tag

    for model, key_of in ((Article, article), (Tag, tag), (Author, author)):
        receiver = _loaded(key_of)
        _watchers.append(receiver)  # signals hold weak references
        post_init.connect(receiver, sender=model, dispatch_uid=f"pagecache.{model.__name__}")
