"""One feed per kind of listing. Each says only what it lists; ``StoryFeed`` does the rest."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from dateline.distribution.feeds.base import StoryFeed
from dateline.news.models import Article, Author, Edition, Section, Tag
from dateline.pagecache import keys as page_keys


def _public_in(edition: Edition) -> QuerySet[Article]:
    return Article.objects.published().filter(edition=edition)


class EditionFeed(StoryFeed):
    """Everything an edition publishes: ``/en/feeds/rss.xml``."""

    def get_object(self, request: HttpRequest, edition: str | None = None) -> Edition:
        if edition is not None:
            return Edition.objects.get(code=edition)
        default = Edition.objects.default()
        if default is None:
            raise Edition.DoesNotExist("No edition has been set up yet.")
        return default

    def title(self, edition: Edition) -> str:
        return f"{self.site_name} — {edition.name}"

    def link(self, edition: Edition) -> str:
        return self.absolute(edition.get_absolute_url())

    def description(self, edition: Edition) -> str:
        # Translators: a feed's description; "in" is followed by the edition's name
        return _("The latest stories from %(site_name)s in %(edition)s.") % {
            "site_name": self.site_name,
            "edition": edition.name,
        }

    def stories(self, edition: Edition) -> QuerySet[Article]:
        return _public_in(edition)


class SiteFeed(EditionFeed):
    """The whole site's feed, ``/feeds/rss.xml``: the default edition's stories."""

    def title(self, edition: Edition) -> str:
        return self.site_name

    def link(self, edition: Edition) -> str:
        return self.absolute("/")


class SectionFeed(StoryFeed):
    """One section of one edition: ``/en/politics/feeds/rss.xml``."""

    def get_object(self, request: HttpRequest, edition: str, section: str) -> Section:
        return Section.objects.select_related("edition").get(edition__code=edition, slug=section)

    def edition_for(self, section: Section) -> Edition:
        return section.edition

    def title(self, section: Section) -> str:
        return f"{self.site_name} — {section.name}"

    def link(self, section: Section) -> str:
        return self.absolute(section.get_absolute_url())

    def description(self, section: Section) -> str:
        return section.description or _("The latest stories in %(section)s.") % {
            "section": section.name
        }

    def stories(self, section: Section) -> QuerySet[Article]:
        return _public_in(section.edition).filter(section=section)

    def list_key(self, section: Section) -> str:
        return page_keys.section_latest(section.pk)


@dataclass(frozen=True)
class Byline:
    edition: Edition
    author: Author


@dataclass(frozen=True)
class Label:
    edition: Edition
    tag: Tag


class AuthorFeed(StoryFeed):
    """One author's stories in one edition: ``/en/author/jane-doe/feeds/rss.xml``."""

    def get_object(self, request: HttpRequest, edition: str, slug: str) -> Byline:
        return Byline(Edition.objects.get(code=edition), Author.objects.get(slug=slug))

    def edition_for(self, obj: Byline) -> Edition:
        return obj.edition

    def title(self, obj: Byline) -> str:
        return f"{self.site_name} — {obj.author.name} ({obj.edition.name})"

    def link(self, obj: Byline) -> str:
        kwargs = {"edition": obj.edition.code, "slug": obj.author.slug}
        return self.absolute(reverse("website:author", kwargs=kwargs))

    def description(self, obj: Byline) -> str:
        return _("The latest stories by %(author)s.") % {"author": obj.author.name}

    def stories(self, obj: Byline) -> QuerySet[Article]:
        return _public_in(obj.edition).filter(authors=obj.author)

    def list_key(self, obj: Byline) -> str:
        return page_keys.author_latest(obj.edition.pk, obj.author.pk)


class TagFeed(StoryFeed):
    """One tag's stories in one edition: ``/en/tag/elections/feeds/rss.xml``."""

    def get_object(self, request: HttpRequest, edition: str, slug: str) -> Label:
        return Label(Edition.objects.get(code=edition), Tag.objects.get(slug=slug))

    def edition_for(self, obj: Label) -> Edition:
        return obj.edition

    def title(self, obj: Label) -> str:
        return f"{self.site_name} — {obj.tag.name} ({obj.edition.name})"

    def link(self, obj: Label) -> str:
        kwargs = {"edition": obj.edition.code, "slug": obj.tag.slug}
        return self.absolute(reverse("website:tag", kwargs=kwargs))

    def description(self, obj: Label) -> str:
        return _("The latest stories about %(tag)s.") % {"tag": obj.tag.name}

    def stories(self, obj: Label) -> QuerySet[Article]:
        return _public_in(obj.edition).filter(tags=obj.tag)

    def list_key(self, obj: Label) -> str:
        return page_keys.tag_latest(obj.edition.pk, obj.tag.pk)
