"""Reader error reports: the small page behind "Report an error" and the endpoint it posts to.

The article page carries the report form but must stay free of cookies (it is page-cached
and shared by every reader), so there is no CSRF token to check. The endpoint is
``csrf_exempt`` and instead accepts only same-origin posts (:func:`same_origin`), is rate
limited per reader and per article, and carries a honeypot field. The worst a forged
report could do is add a line to a newsroom queue, and the limits cap even that.

One endpoint answers both clients: ``fetch()`` asking for ``application/json`` gets JSON
(201 / 400 / 403 / 429), a plain form gets the page again with its errors (400) or a
redirect to the thank-you page.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from dateline.lib.client_ip import client_ip
from dateline.lib.same_origin import is_same_origin
from dateline.limits.throttle import DAY, HOUR, consume, fingerprint
from dateline.news.models import Article, ReaderReport
from dateline.news.models.reports import (
    COMMENT_MAX_LENGTH,
    QUOTE_MAX_LENGTH,
    validate_no_control_characters,
)
from dateline.website.reading import Reading, open_edition, published_in

HONEYPOT = "website"  # a field people never see and bots love to fill in
THANKS = gettext_lazy("Thank you. The editors will check the text you reported.")


@dataclass(frozen=True)
class ReportLimits:
    """How many reports one reader (by IP) and one article may receive (docs/configuration.md)."""

    per_ip_hour: int
    per_ip_day: int
    per_article_day: int

    @classmethod
    def current(cls) -> "ReportLimits":
        return cls(
            per_ip_hour=settings.DATELINE_REPORTS_PER_IP_HOUR,
            per_ip_day=settings.DATELINE_REPORTS_PER_IP_DAY,
            per_article_day=settings.DATELINE_REPORTS_PER_ARTICLE_DAY,
        )


class ReportForm(forms.Form):
    quoted_text = forms.CharField(
        label=gettext_lazy("Text with the error"),
        required=False,
        max_length=QUOTE_MAX_LENGTH,
        validators=[validate_no_control_characters],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Copy the wrong words from the story, or leave empty and describe them below."
        ),
    )
    comment = forms.CharField(
        label=gettext_lazy("What is wrong (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        validators=[validate_no_control_characters],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail (optional, if you want an answer)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_quoted_text(self) -> str:
        # A selection copied on Windows has CRLF line breaks; count them as one character.
        return self.cleaned_data["quoted_text"].replace("\r\n", "\n")

    def clean(self) -> dict:
        data = super().clean() or {}
        if (
            not self.errors
            and not data.get("quoted_text", "").strip()
            and not data.get("comment", "").strip()
        ):
            raise ValidationError(
                _("Quote the wrong text or say in a comment what is wrong."), code="empty"
            )
        return data

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _within_ip_limits(request: HttpRequest, limits: ReportLimits) -> bool:
    reader = fingerprint(client_ip(request))
    # Short-circuits: an attempt refused by the hourly limit does not use up the daily one.
    return consume("report-ip-hour", reader, limit=limits.per_ip_hour, period=HOUR) and consume(
        "report-ip-day", reader, limit=limits.per_ip_day, period=DAY
    )


def _reported_article(edition: str, pk: int) -> tuple[Reading, Article]:
    reading = open_edition(edition)
    story = published_in(reading).filter(pk=pk).first()
    if story is None:
        raise Http404("No such story.")
    story.edition = reading.edition
    return reading, story


def report_url(story: Article) -> str:
    return reverse("website:article-report", kwargs=story.url_kwargs())


def _page(
    request: HttpRequest, reading: Reading, story: Article, form: ReportForm, status: int = 200
) -> HttpResponse:
    context = reading.context(article=story, section=story.section, form=form)
    response = render(request, "website/report.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if _wants_json(request):
        response: HttpResponse = JsonResponse({"ok": False, "error": message}, status=status)
    else:
        response = render(
            request,
            "website/error.html",
            {"status": status, "title": _("Report not sent"), "message": message},
            status=status,
        )
    if status == 429:
        response["Retry-After"] = "3600"
    return response


@csrf_exempt  # no cookie, no token: see the module docstring for what protects this form
def report(request: HttpRequest, edition: str, pk: int, slug: str) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    reading, story = _reported_article(edition, pk)
    if request.method != "POST":
        canonical = report_url(story)
        if request.path != canonical:
            return redirect(canonical, permanent=True)
        return _page(request, reading, story, ReportForm())

    if not is_same_origin(request, require_evidence=True):
        return _refusal(request, 403, _("Reports can only be sent from the story's own page."))
    limits = ReportLimits.current()
    if not _within_ip_limits(request, limits):
        return _refusal(request, 429, _("Too many reports from your connection; try again later."))
    form = ReportForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": form.errors.get_json_data()}, status=400)
        return _page(request, reading, story, form, status=400)
    if not form.is_bot():
        if not consume("report-article", str(story.pk), limit=limits.per_article_day, period=DAY):
            return _refusal(
                request, 429, _("This story has received many reports today; try again tomorrow.")
            )
        ReaderReport.objects.create(
            article=story,
            quoted_text=form.cleaned_data["quoted_text"],
            comment=form.cleaned_data["comment"],
            reporter_email=form.cleaned_data["email"],
            ip_hash=fingerprint(client_ip(request)),
        )
    # A filled honeypot gets the same answer as a reader, so a bot learns nothing.
    if _wants_json(request):
        return JsonResponse({"ok": True, "message": str(THANKS)}, status=201)
    return redirect(reverse("website:article-report-thanks", kwargs=story.url_kwargs()))


def thanks(request: HttpRequest, edition: str, pk: int, slug: str) -> HttpResponse:
    reading, story = _reported_article(edition, pk)
    context = reading.context(article=story, section=story.section, message=THANKS)
    response = render(request, "website/report_thanks.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
