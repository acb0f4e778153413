"""``dateline createeditor USERNAME [--role ROLE] [--desk EDITION[/SECTION]]… [--email E]
[--password-from-env VAR]``."""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from dateline.newsroom import roles


class Command(BaseCommand):
    help = (
        "Creates a newsroom account: a reporter, an editor (publishing in the editions and "
        "sections of their desks), a chief editor or an administrator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The login name of the new account.")
        parser.add_argument("--email", default="", help="The editor's e-mail address.")
        parser.add_argument(
            "--role",
            choices=[role.value for role in roles.Role],
            default=None,
            help="reporter: writes and submits drafts; editor (default): edits and publishes "
            "in their desks; chief: everything editorial everywhere; admin: people and settings.",
        )
        parser.add_argument(
            "--desk",
            action="append",
            default=[],
            metavar="EDITION[/SECTION]",
            help="A desk for an editor, e.g. `en` (the whole English edition) or `en/politics`; "
            "repeat for several. Chief editors need none.",
        )
        parser.add_argument(
            "--chief",
            action="store_true",
            help="The same as --role chief.",
        )
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from environment variable VAR instead of prompting.",
        )

    @no_translations  # operators read English; the role's label would follow LANGUAGE_CODE
    def handle(
        self, *args, username: str, email: str, chief: bool, role: str | None, **options
    ) -> None:
        if chief and role not in (None, roles.Role.CHIEF):
            raise CommandError("--chief and --role disagree; give one of them.")
        chosen = roles.Role(role or (roles.Role.CHIEF if chief else roles.Role.EDITOR))
        desks = []
        for spec in options["desk"]:
            try:
                desks.append(roles.parse_desk(spec))
            except ValueError as error:
                raise CommandError(str(error)) from None
        if chosen == roles.Role.EDITOR and not desks:
            self.stderr.write(
                "Note: this editor has no desk yet and can publish nowhere; add one with "
                "--desk, or later in the newsroom under People."
            )
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
            roles.create_editor(username, password=password, email=email, role=chosen, desks=desks)
        except roles.EditorExists:
            raise CommandError(f"A user named “{username}” already exists.") from None
        where = ""
        if desks:
            where = " for " + ", ".join(
                f"{edition.name}: {section.name}" if section else f"{edition.name} (all sections)"
                for edition, section in desks
            )
        label = chosen.label[0].lower() + chosen.label[1:]
        self.stdout.write(self.style.SUCCESS(f"Created {label} “{username}”{where}."))

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
