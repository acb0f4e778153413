"""E-mails as subject/txt/html template triplets, with the CSS inlined into the HTML.

Mail clients drop ``<style>`` blocks unevenly (Gmail keeps them, many others do not), so
the HTML part is written with one stylesheet and passed through css-inline, which turns it
into ``style=""`` attributes. The dark-mode media query stays in a ``<style>`` block
(``keep_style_tags``): clients that honour it get dark colours, the rest get the light ones.
Example::

    subject, text, html = render_triplet("newsletter_confirm", {"confirm_url": url})
"""

from functools import lru_cache

import css_inline
from django.conf import settings
from django.template.loader import render_to_string


@lru_cache(maxsize=1)
def _inliner() -> css_inline.CSSInliner:
    return css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)


def footer_context() -> dict:
    return {
        "site_name": settings.DATELINE_SITE_NAME,
        "contact_email": settings.DATELINE_CONTACT_EMAIL,
        "postal_address": settings.DATELINE_POSTAL_ADDRESS,
    }


def render_triplet(name: str, context: dict) -> tuple[str, str, str]:
    """``distribution/email/<name>_subject.txt``, ``<name>.txt`` and ``<name>.html``."""
    context = {**footer_context(), **context}
    subject = render_to_string(f"distribution/email/{name}_subject.txt", context)
    text = render_to_string(f"distribution/email/{name}.txt", context)
    html = render_to_string(f"distribution/email/{name}.html", context)
    return " ".join(subject.split()), text, _inliner().inline(html)
