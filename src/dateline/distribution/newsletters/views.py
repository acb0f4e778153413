"""The reader-facing newsletter endpoints.

The POST endpoints are ``csrf_exempt`` for the reason recommend's are (see
``distribution/recommend/views.py``): every public page carries the subscribe box and must
set no cookie. Their protection is the browser's same-origin signal, a signed page token
(the subscribe box) or a signed per-subscriber token (confirm, preferences, unsubscribe),
and the rate limits. GET never changes anything: mail scanners follow links.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from dateline.distribution.newsletters import subscribing
from dateline.distribution.newsletters.forms import PreferencesForm, SubscribeForm
from dateline.distribution.newsletters.models import Subscriber, SubscriberStatus
from dateline.distribution.newsletters.tokens import (
    BadToken,
    check_page_token,
    page_token,
    subscriber_from_confirm_token,
    subscriber_from_preference_token,
)
from dateline.lib.client_ip import client_ip
from dateline.lib.languages import activate_edition_language, supported
from dateline.lib.public_url import site_root
from dateline.lib.same_origin import is_same_origin
from dateline.limits.throttle import HOUR, consume, fingerprint


def _page(request: HttpRequest, context: dict, *, status: int = 200) -> HttpResponse:
    _speak_to(request, context.get("subscriber"))
    response = render(request, "distribution/newsletters/page.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _speak_to(request: HttpRequest, subscriber: Subscriber | None) -> None:
    """These pages belong to no edition: they speak the subscriber's edition's language, or
    that of the edition chosen in the subscribe box (its code; no query)."""
    if subscriber is not None:
        activate_edition_language(subscriber.edition.language)
        return
    language = supported(request.POST.get("edition", ""))
    if language is not None:
        translation.activate(language)


def _cross_site() -> HttpResponse:
    return HttpResponse(
        _("Cross-site requests are not accepted."),
        status=403,
        content_type="text/plain; charset=utf-8",
    )


def _with_fresh_token(request: HttpRequest) -> QueryDict:
    data = request.POST.copy()
    data["token"] = page_token()
    return data


def _form_again(request: HttpRequest, form: SubscribeForm, *, expired: bool = False):
    form.is_valid()  # so the page shows what is wrong
    context = {"state": "form", "subscribe_form": form, "expired": expired}
    return _page(request, context, status=400)


@csrf_exempt
@require_POST
def subscribe(request: HttpRequest) -> HttpResponse:
    if not is_same_origin(request):
        return _cross_site()
    _speak_to(request, None)  # before the form checks: its errors in the reader's language
    form = SubscribeForm(request.POST)
    if form.is_bot:
        return _page(request, {"state": "check-inbox"})  # a bot learns nothing
    if not consume(
        "newsletter-signup-ip",
        fingerprint(client_ip(request)),
        limit=settings.DATELINE_NEWSLETTER_SIGNUPS_PER_IP_HOUR,
        period=HOUR,
    ):
        return _page(request, {"state": "limited"}, status=429)
    if not check_page_token(request.POST.get("token", "")):
        return _form_again(request, SubscribeForm(_with_fresh_token(request)), expired=True)
    if not form.is_valid():
        return _form_again(request, SubscribeForm(_with_fresh_token(request)))
    data = form.cleaned_data
    subscribing.subscribe(
        subscribing.SignUp(
            email=data["email"],
            edition=data["edition"],
            daily_digest=data["daily_digest"],
            breaking_alerts=data["breaking_alerts"],
            source=f"subscribe box on {data['source'] or '/'}",
        ),
        base_url=site_root(request),
    )
    # The same page whether the address was new, pending, confirmed or unsubscribed.
    return _page(request, {"state": "check-inbox"})


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = subscriber_from_confirm_token(token)
    except BadToken as error:
        return _page(request, {"state": "bad-link", "reason": str(error)}, status=400)
    if subscriber.status == SubscriberStatus.BOUNCED:
        return _page(request, {"state": "bad-link"}, status=400)
    if request.method == "POST":
        if not is_same_origin(request):
            return _cross_site()
        subscribing.confirm(subscriber)
        return _page(request, {"state": "confirmed", "subscriber": subscriber})
    return _page(request, {"state": "confirm", "subscriber": subscriber})


def _preference_subscriber(token: str) -> Subscriber | None:
    try:
        return subscriber_from_preference_token(token)
    except BadToken:
        return None


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _preference_subscriber(token)
    if subscriber is None:
        return _page(request, {"state": "bad-link"}, status=400)
    _speak_to(request, subscriber)  # before the form checks: its errors in their language
    context: dict = {"state": "preferences", "subscriber": subscriber, "token": token}
    if request.method == "POST":
        if not is_same_origin(request):
            return _cross_site()
        if "unsubscribe" in request.POST:
            subscribing.unsubscribe(subscriber)
            return _page(request, {"state": "unsubscribed", "subscriber": subscriber})
        form = PreferencesForm(request.POST)
        if not form.is_valid():
            return _page(request, {**context, "form": form}, status=400)
        subscribing.change_preferences(subscriber, **form.cleaned_data)
        subscriber.refresh_from_db()
        context.update(saved=True, subscriber=subscriber)
    context["form"] = PreferencesForm(
        initial={
            "edition": subscriber.edition.code,
            "daily_digest": subscriber.daily_digest,
            "breaking_alerts": subscriber.breaking_alerts,
        }
    )
    return _page(request, context)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058 one-click: a mail provider POSTs ``List-Unsubscribe=One-Click`` here, with
    no cookie and no CSRF token. Idempotent. GET shows a button and changes nothing."""
    subscriber = _preference_subscriber(token)
    if subscriber is None:
        return _page(request, {"state": "bad-link"}, status=400)
    if request.method == "POST":
        if not is_same_origin(request):
            return _cross_site()
        subscribing.unsubscribe(subscriber)
        return _page(request, {"state": "unsubscribed", "subscriber": subscriber})
    return _page(request, {"state": "unsubscribe", "subscriber": subscriber, "token": token})
