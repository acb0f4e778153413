"""Background work for the news app. Tasks take ids and are safe to run twice."""

from django.tasks import task

from dateline.news.models import Article, Status


@task()
def publish_scheduled_article(article_id: int) -> bool:
    """Runs at the scheduled time; a story rescheduled or already live is left alone."""
    from dateline.news import publishing

    article = Article.objects.filter(pk=article_id, status=Status.SCHEDULED).first()
    if article is None:
        return False
    return article_id in publishing.publish_due()
