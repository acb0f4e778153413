"""The home page (top stories, breaking banner, the lenta) and section fronts."""

from collections import OrderedDict
from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.lib.cursors import BadCursor, paginate_latest_first
from dateline.media import renditions
from dateline.news import front_page
from dateline.news.models import Article, Section
from dateline.pagecache import keys as page_keys
from dateline.pagecache import policy
from dateline.pagecache.policy import cached_page
from dateline.website.reading import NoEditionYet, cursor_param, open_edition, published_in
from dateline.website.views.errors import bad_request_page

LENTA_SIZE = 40
STORIES_PER_SECTION_BLOCK = 4


def group_by_day(articles: list[Article], edition) -> "OrderedDict[date, list[Article]]":
    """The lenta's day headings, in the edition's time zone (a story at 01:00 Baku time
    belongs to that Baku day, not to the UTC day before)."""
    days: OrderedDict[date, list[Article]] = OrderedDict()
    for article in articles:
        days.setdefault(edition.local(article.published_at).date(), []).append(article)
    return days


def latest_by_section(
    public: QuerySet[Article], sections: list[Section]
) -> dict[int, list[Article]]:
    """The latest few stories of each section, in one query.

    One small ``LIMIT n`` subquery per section, each walking that section's newest-first
    index, joined by ``UNION ALL`` into a single list of ids: the stories are then fetched by
    primary key, so the cost follows the number of sections, never the archive. (An ``OR`` of
    one ``IN`` per section would be checked against every story of the edition instead.)
    """
    if not sections:
        return {}
    parts: list[str] = []
    params: list[object] = []
    for section in sections:
        latest = public.filter(section=section).order_by("-published_at", "-pk").values("pk")
        sql, part_params = latest[:STORIES_PER_SECTION_BLOCK].query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS latest_{len(parts)}")  # noqa: S608 (compiled by Django, parameters apart)
        params.extend(part_params)
    wanted = RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611 (the same)
    by_section: dict[int, list[Article]] = {}
    # The ids are public stories of the edition already. Filtered again, or asked to sort,
    # SQLite would walk the edition's index over the whole archive instead of the ids.
    found = sorted(
        Article.objects.filter(pk__in=wanted).select_related("section__edition", "edition"),
        key=lambda article: (article.published_at, article.pk),
        reverse=True,
    )
    for article in found:
        by_section.setdefault(article.section_id, []).append(article)
    return by_section


@cached_page
def home(request: HttpRequest, edition: str | None = None) -> HttpResponse:
    try:
        reading = open_edition(edition)
    except NoEditionYet:
        if edition is not None:
            raise
        return render(request, "website/welcome.html", status=200)
    public = published_in(reading)
    now = timezone.now()
    page_keys.add(
        page_keys.front_page(reading.edition.pk),
        page_keys.edition_latest(reading.edition.pk),
        *(page_keys.section_latest(s.pk) for s in reading.sections),
    )
    # The banner and the top stories' order are the editors' (news/front_page.py).
    breaking = list(front_page.breaking_banners(public, now)[:1])
    top = list(front_page.top_stories(public, now)[: front_page.TOP_STORIES])
    lenta = list(public.order_by("-published_at", "-pk")[:LENTA_SIZE])
    if not top:
        top = ([a for a in lenta if a.picture_id] or lenta)[: front_page.TOP_STORIES]
    renditions.attach(top)  # their pictures, in one query however many there are
    by_section = latest_by_section(public, reading.sections)
    blocks = [(s, by_section[s.pk]) for s in reading.sections if s.pk in by_section]
    context = reading.context(
        breaking=breaking[0] if breaking else None,
        top_stories=top,
        lenta=group_by_day(lenta, reading.edition),
        section_blocks=blocks,
        is_root=edition is None,
    )
    response = render(request, "website/home.html", context)
    # The banner goes out at its end with no edit to purge the page: its copy expires then.
    policy.fresh_until(response, front_page.banner_ends_at(breaking[0]) if breaking else None)
    return response


@cached_page(query=("before",))
def section(request: HttpRequest, edition: str, section: str) -> HttpResponse:
    reading = open_edition(edition)
    current = next((s for s in reading.sections if s.slug == section), None)
    if current is None:
        raise Http404("No such section.")
    if not cursor_param(request):  # deeper pages keep their cursor's stories
        page_keys.add(page_keys.section_latest(current.pk))
    try:
        page = paginate_latest_first(
            published_in(reading).filter(section=current),
            cursor_param(request),
            settings.DATELINE_PAGE_SIZE,
        )
    except BadCursor:
        return bad_request_page(
            request, _("This page link is damaged; start again from the section front.")
        )
    renditions.attach(page.items)  # the list's thumbnails, in one query
    context = reading.context(section=current, page=page, is_first_page=not cursor_param(request))
    return render(request, "website/section.html", context)
