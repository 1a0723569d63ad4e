"""`alke round-reminders`: deadline reminders and overdue notices; run daily before `alke send-digest`."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from alke.rounds.services import remind_deadlines


class Command(BaseCommand):
    help = "Notify participants of the current phase's deadline (3 days ahead) and regions of overdue items."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", help="the date to check against, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options) -> None:
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"--today must be YYYY-MM-DD, not {options['today']!r}") from None
        created = remind_deadlines(today)
        self.stdout.write(f"notifications created: {created}")
