from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    """How stories and messages leave the site: outgoing mail, e-mail-a-friend; feeds and
    newsletters later."""

    name = "dateline.distribution"
    label = "distribution"
    verbose_name = _("Distribution")

    def ready(self) -> None:
        from dateline.distribution.recommend.policy import policy

        policy()  # a bad DATELINE_RECOMMEND_* value stops start-up, naming the variable

        from dateline.distribution.feeds import checks, websub  # noqa: F401  (registers checks)

        websub.connect_receivers()  # WebSub pings on article_published / updated / unpublished
