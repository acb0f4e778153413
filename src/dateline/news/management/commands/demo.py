"""``dateline demo [--articles N] [--if-empty] [--seed S]``: fill the site with demo stories."""

import secrets

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.lib.environment import env_int
from dateline.lib.planner_statistics import refresh_planner_statistics
from dateline.news.demo.editor import ensure_demo_editor, ensure_demo_team, password_file
from dateline.news.demo.generator import generate
from dateline.news.models import Article
from dateline.news.signals import archive_changed


class Command(BaseCommand):
    help = (
        "Adds neutral, synthetic demo stories to every edition (English, Azerbaijani, Russian), "
        "creating editions, sections, authors, sources and tags when missing, and prints the "
        "demo editor's login."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--articles",
            type=int,
            default=240,
            metavar="N",
            help="Published articles to add, counted across editions: 240 is 80 stories in "
            "three languages (default: 240). A few drafts and one scheduled story per "
            "edition come on top.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Leave content alone when the site already has any article.",
        )
        parser.add_argument(
            "--seed", type=int, help="Random seed, to get the same stories again on a fresh site."
        )

    def handle(self, *args, articles: int, if_empty: bool, seed: int | None, **options) -> None:
        if articles < 0:
            raise CommandError("--articles must be zero or more.")
        verbosity = options["verbosity"]
        user, login = ensure_demo_editor()
        if if_empty and Article.objects.exists():
            if verbosity:
                self.stdout.write("The site already has articles; demo content left as it is.")
        else:
            seed = secrets.randbelow(2**31) if seed is None else seed
            report = generate(
                articles,
                seed=seed,
                created_by=user,
                progress=self._progress if verbosity and articles >= 10_000 else None,
            )
            refresh_planner_statistics()
            archive_changed.send(sender=Article)  # every cached page may show new stories
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added {report.published:,} published articles ({report.stories:,} stories), "
                    f"{report.drafts} drafts and {report.scheduled} scheduled articles "
                    f"(seed {report.seed})."
                )
            )
        team = ensure_demo_team()
        if team:
            self.stdout.write(
                "Demo team (one account per role): "
                + "; ".join(
                    f"{member.login.username} / "
                    f"{member.login.password or 'password not known here'} ({member.role})"
                    for member in team
                )
            )
        port = env_int("PORT", 8000)
        if login.password:
            credentials = f"password: {login.password}"
        else:
            credentials = (
                f"password: not known here (changed in the newsroom, or {password_file()} "
                "is missing)"
            )
        self.stdout.write(
            f"Demo newsroom: http://127.0.0.1:{port}/newsroom/  user: {login.username}  "
            f"{credentials}"
        )

    def _progress(self, done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth > getattr(self, "_tenths_shown", 0):
            self._tenths_shown = tenth
            self.stdout.write(f"  … {done:,} of {total:,} articles")
