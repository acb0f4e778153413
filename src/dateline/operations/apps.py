from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: the server, the task worker and configuration checks."""

    name = "dateline.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self) -> None:
        from dateline.operations import (
            checks,  # noqa: F401  (registers the system checks)
            database_watch,  # noqa: F401  (watches new connections)
        )
