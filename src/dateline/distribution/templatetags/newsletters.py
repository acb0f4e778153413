"""``{% load newsletters %}{% subscribe_form as form %}``: the subscribe box's form.

The form is the same for every reader of a page (no cookie, no per-reader token), so the
page stays shareable by caches.
"""

from django import template

from dateline.distribution.newsletters.forms import SubscribeForm
from dateline.distribution.newsletters.tokens import page_token

register = template.Library()


@register.simple_tag(takes_context=True)
def subscribe_form(context) -> SubscribeForm:
    form = context.get("subscribe_form")
    if form is not None:
        return form
    edition = context.get("edition")
    request = context.get("request")
    initial = {"token": page_token(), "source": request.path[:200] if request else ""}
    if edition is not None and getattr(edition, "code", None):
        initial["edition"] = edition.code
    form = SubscribeForm(initial=initial)
    editions = context.get("editions")
    if editions:
        # Reader pages already hold the editions: list them without another query.
        form.fields["edition"].widget.choices = [(e.code, e.name) for e in editions]
    return form
