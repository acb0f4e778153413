"""Reader search: ``/<edition>/search/?q=…`` and the OpenSearch description for browsers.

Results are not kept in the page cache (every query is its own page, and a cache filled by
made-up queries would push out the news): each search runs, within a per-reader rate limit
(``DATELINE_SEARCH_PER_IP_MINUTE``, counted by a keyed hash of the address). The page tells
crawlers not to index it. Input never causes a server error: a query is parsed, not passed
on (search/query.py), and a bad filter value or page link gets a message on the page.
"""

from datetime import datetime, time, timedelta
from typing import cast

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from dateline.lib.client_ip import client_ip
from dateline.limits.throttle import MINUTE, consume, fingerprint
from dateline.news.models import Author, Edition, Genre
from dateline.pagecache.policy import cached_page
from dateline.search.engines.base import BadSearchCursor, Sort
from dateline.search.query import MAX_LENGTH
from dateline.search.searching import Filters, Results, search_edition
from dateline.website.reading import Reading, open_edition

RETRY_AFTER_SECONDS = 60


class SearchForm(forms.Form):
    # any length: it is cut
    q = forms.CharField(label=gettext_lazy("Search"), required=False, strip=True)
    section = forms.ChoiceField(label=gettext_lazy("Section"), required=False)
    genre = forms.ChoiceField(
        label=gettext_lazy("Kind of story"),
        required=False,
        choices=[("", gettext_lazy("Any kind")), *Genre.choices],
    )
    author = forms.ChoiceField(label=gettext_lazy("Author"), required=False)
    since = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=pgettext_lazy("end of a date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = forms.ChoiceField(
        label=pgettext_lazy("sort order of search results", "Order"),
        required=False,
        choices=[
            (Sort.RELEVANCE, gettext_lazy("Most relevant")),
            (Sort.NEWEST, gettext_lazy("Newest first")),
        ],
    )

    def __init__(self, data, *, reading: Reading) -> None:
        super().__init__(data)
        self.reading = reading
        cast(forms.ChoiceField, self.fields["section"]).choices = [("", _("All sections"))] + [
            (section.slug, section.name) for section in reading.sections
        ]
        cast(forms.ChoiceField, self.fields["author"]).choices = [
            ("", _("Any author")),
            *Author.objects.order_by("name").values_list("slug", "name"),
        ]
        # Translators: the example date is in the format the date field sends; keep it so.
        self.fields["since"].error_messages["invalid"] = _("Enter a date like 2026-03-05.")
        self.fields["until"].error_messages["invalid"] = _("Enter a date like 2026-03-05.")

    def clean(self) -> dict:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def filters(self) -> Filters:
        data, edition = self.cleaned_data, self.reading.edition
        section = next((s for s in self.reading.sections if s.slug == data.get("section")), None)
        author = (
            Author.objects.filter(slug=data["author"]).values_list("pk", flat=True).first()
            if data.get("author")
            else None
        )
        return Filters(
            section_id=section.pk if section else None,
            genre=data.get("genre") or None,
            author_id=author,
            since=_edition_midnight(edition, data.get("since")),
            until=_edition_midnight(edition, data["until"] + timedelta(days=1))
            if data.get("until")
            else None,
        )

    def order(self) -> Sort:
        return Sort(self.cleaned_data.get("sort") or Sort.RELEVANCE)


def _edition_midnight(edition: Edition, day) -> datetime | None:
    """The start of ``day`` on the edition's clock: a reader's dates are the edition's dates."""
    return datetime.combine(day, time(), tzinfo=edition.zone) if day else None


def _too_many(request: HttpRequest) -> bool:
    reader = fingerprint(client_ip(request))
    return not consume(
        "search-ip", reader, limit=settings.DATELINE_SEARCH_PER_IP_MINUTE, period=MINUTE
    )


def _page_link(request: HttpRequest, cursor: str | None) -> str:
    """This search's query string, on the page after ``cursor`` (None: the first page)."""
    params = request.GET.copy()
    params.pop("before", None)
    if cursor:
        params["before"] = cursor
    return "?" + params.urlencode()


def search(request: HttpRequest, edition: str) -> HttpResponse:
    reading = open_edition(edition)
    form = SearchForm(request.GET, reading=reading)
    results: Results | None = None
    status, problem = 200, None
    if form.is_valid() and form.cleaned_data["q"]:
        if _too_many(request):
            status = 429
            problem = _("You have searched very often in the last minute. Please wait a moment.")
        else:
            try:
                results = search_edition(
                    reading.edition,
                    form.cleaned_data["q"],
                    filters=form.filters(),
                    sort=form.order(),
                    cursor=request.GET.get("before") or None,
                )
            except BadSearchCursor:
                status = 400
                problem = _("This page link is damaged; start again from the first page.")
    response = render(
        request,
        "website/search.html",
        reading.context(
            form=form,
            results=results,
            problem=problem,
            query_text=form.data.get("q", "")[:MAX_LENGTH],
            query_max_length=MAX_LENGTH,
            is_first_page=not request.GET.get("before"),
            next_page=_page_link(request, results.next_cursor if results else None),
            first_page=_page_link(request, None),
        ),
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Each reader's own page: not kept by shared caches, not worth keeping in a browser.
    patch_cache_control(response, private=True, max_age=0)
    return response


@cached_page
def opensearch(request: HttpRequest, edition: str) -> HttpResponse:
    """The OpenSearch description browsers read to add the site as a search engine."""
    reading = open_edition(edition)
    return render(
        request,
        "website/opensearch.xml",
        reading.context(),
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
