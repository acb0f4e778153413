"""Background work for distribution. Tasks take ids and are safe to run twice."""

from django.tasks import task


@task(queue_name="mail")
def deliver_mail(mail_id: int) -> str:
    from dateline.distribution.mail import deliver

    return deliver(mail_id)


@task()
def forget_old_recommendations() -> int:
    """Deletes audit-log rows of "Recommend news to friend" past the retention period."""
    from dateline.distribution.recommend.sending import forget_old_attempts

    return forget_old_attempts()
