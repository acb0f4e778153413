"""``{% recommend_form as form %}``: the form shown again with errors, or a fresh one."""

from django import template

from dateline.distribution.recommend.forms import RecommendForm

register = template.Library()


@register.simple_tag(takes_context=True)
def recommend_form(context) -> RecommendForm:
    form = context.get("recommend_form")
    return form if form is not None else RecommendForm(article=context["article"])
