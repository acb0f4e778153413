"""``{% views_count article %}`` and ``{% most_read %}`` for the reader pages."""

from django import template

from dateline.analytics.readership import WINDOWS, most_read, total_views

register = template.Library()


@register.simple_tag
def views_count(article) -> int:
    return total_views(article.pk)


@register.inclusion_tag("analytics/most_read_lists.html", takes_context=True)
def most_read_lists(context) -> dict:
    """The edition's list on the home and article pages; the section's on a section front.

    Article pages share the edition's cached list with the home page, so the pages read
    most often almost never compute one.
    """
    edition = context.get("edition")
    if edition is None:
        return {"windows": []}
    section = context.get("section") if context.get("article") is None else None
    lists = most_read(edition.pk, section.pk if section else None)
    windows = [(key, label, lists.get(key, [])) for key, label, _ in WINDOWS]
    return {
        "windows": windows if any(entries for _, _, entries in windows) else [],
        "scope": section.name if section else None,
    }
