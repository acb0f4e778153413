"""``dateline createeditor USERNAME [--email E] [--chief] [--password-from-env VAR]``."""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.newsroom import roles


class Command(BaseCommand):
    help = "Creates a newsroom account for an editor (staff, in the Editors group)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The login name of the new account.")
        parser.add_argument("--email", default="", help="The editor's e-mail address.")
        parser.add_argument(
            "--chief",
            action="store_true",
            help="Also a chief editor: may delete stories and change editions.",
        )
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from environment variable VAR instead of prompting.",
        )

    def handle(self, *args, username: str, email: str, chief: bool, **options) -> None:
        user_model = get_user_model()
        if user_model._default_manager.filter(username=username).exists():
            raise CommandError(
                f"A user named “{username}” already exists; pick another name, or change "
                "that account in the newsroom under Users."
            )
        password = self._password(options["password_from_env"])
        try:
            validate_password(password, user_model(username=username, email=email))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        try:
            roles.create_editor(username, password=password, email=email, chief=chief)
        except roles.EditorExists:
            raise CommandError(f"A user named “{username}” already exists.") from None
        role = "chief editor" if chief else "editor"
        self.stdout.write(self.style.SUCCESS(f"Created {role} “{username}”."))

    def _password(self, variable: str | None) -> str:
        if variable:
            password = os.environ.get(variable, "")
            if not password:
                raise CommandError(f"Environment variable {variable} is empty or not set.")
            return password
        if not sys.stdin.isatty():
            raise CommandError(
                "No terminal to ask for a password; use --password-from-env VAR in scripts."
            )
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was created.")
        if not password:
            raise CommandError("An empty password is not allowed.")
        return password
