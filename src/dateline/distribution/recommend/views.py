"""The "Recommend news to friend" endpoint and the recipient's stop link.

Both POST endpoints are ``csrf_exempt`` on purpose. Django's CSRF protection needs a cookie,
and article pages must set none: they are shared by page caches and CDNs, and a cookie (or
a per-reader ``csrfmiddlewaretoken``) would make every page private. Instead:

- the browser says where the request comes from: ``Sec-Fetch-Site`` must be
  ``same-origin`` when sent, and ``Origin`` when sent must be this site — so another site's
  page cannot post the form in a visitor's name (403 otherwise);
- the form carries a signed, timed token for this article (``tokens.py``), which a script
  cannot make without first loading an article page, and which bounds how fast and how late
  a form can be sent;
- and the rate limits, the honeypot and the daily cap bound what a determined sender gets.

What CSRF protects against — acting with a signed-in user's authority — does not apply:
the form acts with nobody's authority, and the stop link's authority is its signed token.
"""

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from dateline.distribution.models import Outcome
from dateline.distribution.recommend import sending
from dateline.distribution.recommend.forms import RecommendForm
from dateline.distribution.recommend.tokens import address_from_stop_token
from dateline.lib.client_ip import client_ip
from dateline.lib.languages import supported
from dateline.lib.public_url import site_root
from dateline.lib.same_origin import is_same_origin
from dateline.news.models import Article

LIMITED_MESSAGE = gettext_lazy(
    "Too many recommendations have been sent from here. Please try again later."
)


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def _cross_site() -> HttpResponse:
    return HttpResponse(
        _("Cross-site requests are not accepted."),
        status=403,
        content_type="text/plain; charset=utf-8",
    )


def _public_article(edition: str, pk: int) -> Article:
    article = (
        Article.objects.published()
        .filter(pk=pk, edition__code=edition)
        .select_related("edition", "section")
        .first()
    )
    if article is None:
        raise Http404("No such story.")
    return article


def _form_page(
    request: HttpRequest, article: Article, form: RecommendForm, *, status: int, message: str = ""
) -> HttpResponse:
    form.renew_token()
    context = {
        "article": article,
        "edition": article.edition,
        "recommend_form": form,
        "recommend_message": message,
    }
    return render(request, "distribution/recommend_page.html", context, status=status)


@csrf_exempt
@require_POST
def recommend(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    if not is_same_origin(request):
        return _cross_site()
    article = _public_article(edition, pk)
    ip = client_ip(request)
    form = RecommendForm(request.POST, article=article)
    done = HttpResponseSeeOther(f"{article.get_absolute_url()}?recommended=1#recommend")
    if form.is_bot:
        sending.log_rejection(article, ip=ip, outcome=Outcome.HONEYPOT)
        return done  # a bot learns nothing from the answer
    if not form.is_valid():
        outcome: str = Outcome.REJECTED_TOKEN if form.token_rejection else Outcome.INVALID
        detail = form.token_rejection or ", ".join(sorted(form.errors))
        sending.log_rejection(article, ip=ip, outcome=outcome, detail=detail)
        return _form_page(request, article, form, status=400)
    data = form.cleaned_data
    letter = sending.Letter(
        sender_name=data["sender_name"],
        sender_email=data["sender_email"],
        friend_name=data["friend_name"],
        friend_email=data["friend_email"],
        note=data["note"],
    )
    result = sending.recommend(article, letter, ip=ip, base_url=site_root(request))
    if result in (Outcome.RATE_LIMITED, Outcome.DAILY_CAP):
        return _form_page(request, article, form, status=429, message=str(LIMITED_MESSAGE))
    return done


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def stop(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what a click would do and changes nothing (mail scanners follow links);
    POST — the button, or a mail provider's RFC 8058 one-click request — does it."""
    language = supported(request.GET.get("language", ""))  # the recommended story's
    if language is not None:
        translation.activate(language)
    try:
        address = address_from_stop_token(token)
    except signing.BadSignature:
        return render(request, "distribution/stop.html", {"invalid": True}, status=400)
    if request.method == "POST":
        if not is_same_origin(request):
            return _cross_site()
        sending.suppress(address)
        return render(request, "distribution/stop.html", {"address": address, "stopped": True})
    response = render(request, "distribution/stop.html", {"address": address})
    response["X-Robots-Tag"] = "noindex"
    return response
