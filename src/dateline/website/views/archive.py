"""The date archive: ``/<edition>/archive/2014/03/05/`` lists that day in the edition's zone."""

from datetime import date, datetime, time, timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from dateline.pagecache import keys as page_keys
from dateline.pagecache.policy import cached_page
from dateline.website.reading import open_edition, published_in

MAX_STORIES_PER_DAY = 500


def _parse_day(year: str, month: str, day: str) -> date:
    parts = (year, month, day)
    # ASCII digits only: int() also reads "+201" and "٢٠١٤", which would give one day many URLs.
    if [len(part) for part in parts] != [4, 2, 2] or not all(
        part.isascii() and part.isdigit() for part in parts
    ):
        raise Http404("Archive dates look like 2014/03/05.")
    try:
        wanted = date(int(year), int(month), int(day))
    except ValueError:
        raise Http404("There is no such date.") from None
    # The calendar's first and last days have no neighbour to link to, and their span in
    # the edition's zone does not fit in a datetime: arithmetic on them overflows (a 500).
    if not date.min < wanted < date.max:
        raise Http404("There is no such date.")
    return wanted


@cached_page
def day(request: HttpRequest, edition: str, year: str, month: str, day: str) -> HttpResponse:
    reading = open_edition(edition)
    wanted = _parse_day(year, month, day)
    page_keys.add(page_keys.archive_day(reading.edition.pk, wanted))
    start = datetime.combine(wanted, time.min, tzinfo=reading.edition.zone)
    end = start + timedelta(days=1)
    stories = list(
        published_in(reading)
        .filter(published_at__gte=start, published_at__lt=end)
        .order_by("-published_at", "-pk")[:MAX_STORIES_PER_DAY]
    )
    context = reading.context(
        day=wanted,
        stories=stories,
        previous_day=wanted - timedelta(days=1),
        next_day=wanted + timedelta(days=1) if wanted < date.today() else None,
    )
    return render(request, "website/archive_day.html", context)
