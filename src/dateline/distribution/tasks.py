"""Background work for distribution. Tasks take ids and are safe to run twice."""

from django.tasks import task


@task(queue_name="mail")
def deliver_mail(mail_id: int) -> str:
    from dateline.distribution.mail import deliver

    return deliver(mail_id)
