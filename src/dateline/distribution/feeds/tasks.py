"""Background work for feeds. Tasks take ids and are safe to run twice."""

from django.tasks import task


@task()
def ping_websub_hub(article_id: int, attempt: int = 1, topics: list[str] | None = None) -> str:
    """Tells the WebSub hub that every feed showing the story changed; see ``websub.ping``."""
    from dateline.distribution.feeds.websub import ping

    return ping(article_id, attempt=attempt, topics=topics)
