"""Newsletter background work. Every task takes ids and is safe to run twice."""

from datetime import date

from django.tasks import task


@task(queue_name="mail")
def send_issue(issue_id: int) -> dict[str, int]:
    from dateline.distribution.newsletters.sending import run

    return run(issue_id)


@task()
def compose_daily_digest(edition_id: int, day: str) -> int | None:
    """Composes and sends ``day``'s digest, then schedules the next day's run."""
    from dateline.distribution.newsletters.composing import compose_digest, schedule_digest
    from dateline.distribution.newsletters.sending import public_base_url, start_sending
    from dateline.news.models import Edition

    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None:
        return None
    issue = compose_digest(edition, date.fromisoformat(day), base_url=public_base_url())
    if issue is not None:
        start_sending(issue.pk)
    schedule_digest(edition)
    return issue.pk if issue else None


@task()
def purge_unconfirmed_signups() -> int:
    from dateline.distribution.newsletters.subscribing import purge_unconfirmed

    return purge_unconfirmed()
