"""Structured data and social previews in reader pages' ``<head>``.

``{% article_structured_data %}`` / ``{% home_structured_data %}`` print a JSON-LD block;
``{% article_social_meta %}`` / ``{% page_social_meta title=… path=… %}`` print the Open
Graph and Twitter tags through ``distribution/includes/social_meta.html``. They read the
page's own context (``request``, ``edition``, ``article``, ``translations``) and query nothing:
the article page fetches the story's picture with its renditions (the 1200-pixel JPEG that
previews and JSON-LD name), which are made on the spot only if the picture has none yet.
"""

from django import template
from django.utils.safestring import SafeString

from dateline.distribution.structured_data import articles, outlet, previews
from dateline.distribution.structured_data.serialising import json_ld_script

register = template.Library()

SOCIAL_META = "distribution/includes/social_meta.html"


@register.simple_tag(takes_context=True)
def article_structured_data(context) -> SafeString:
    request, article, edition = context.get("request"), context["article"], context["edition"]
    return json_ld_script(
        [
            articles.news_article(request, article, edition),
            articles.breadcrumbs(request, article, edition),
        ]
    )


@register.simple_tag(takes_context=True)
def home_structured_data(context) -> SafeString:
    request = context.get("request")
    return json_ld_script(
        [outlet.organization(request), outlet.website(request, context["edition"])]
    )


@register.inclusion_tag(SOCIAL_META, takes_context=True)
def article_social_meta(context) -> dict:
    preview = previews.article_preview(
        context.get("request"),
        context["article"],
        context["edition"],
        translations=context.get("translations"),
    )
    return {"social_preview": preview}


@register.inclusion_tag(SOCIAL_META, takes_context=True)
def page_social_meta(
    context,
    *,
    title: str,
    path: str,
    description: str = "",
    kind: str = "website",
    image_path: str = "",
    image_alt: str = "",
) -> dict:
    """Any other public page: ``{% page_social_meta title=section.name
    path=section.get_absolute_url description=section.description %}``."""
    preview = previews.page_preview(
        context.get("request"),
        context["edition"],
        title=str(title),
        description=str(description),
        path=str(path),
        kind=kind,
        image_path=str(image_path),
        image_alt=str(image_alt),
    )
    return {"social_preview": preview}
