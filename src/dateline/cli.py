"""``dateline``: Django's command runner with Dateline's settings as the default.

``dateline serve``, ``dateline demo`` and ``dateline worker`` are ordinary management
commands; every Django command (``migrate``, ``createsuperuser``, ``check --deploy``)
works as well.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
