"""alke followup-reminders: remind responsible people of near or past deadlines and stale conclusions."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from alke.followup.services import send_reminders


class Command(BaseCommand):
    help = (
        "Remind the people responsible for open conclusions whose deadline is near or past, or that have had "
        "no update for a set time. Safe to run daily: each reminder goes once. With --digest, also mail the "
        "daily digests."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days-before", type=int, default=30, help="remind this many days before a deadline"
        )
        parser.add_argument(
            "--stale-days", type=int, default=90, help="remind when no update for this many days"
        )
        parser.add_argument("--today", help="the date to act on (YYYY-MM-DD), for catching up")
        parser.add_argument("--digest", action="store_true", help="also send the daily digest mails")

    def handle(self, *args, **options):
        if options["days_before"] < 0 or options["stale_days"] < 1:
            raise CommandError("--days-before must be 0 or more and --stale-days 1 or more")
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"--today {options['today']!r} is not a date YYYY-MM-DD") from None
        result = send_reminders(today, options["days_before"], options["stale_days"])
        self.stdout.write(
            f"deadline near: {result.upcoming}, overdue: {result.overdue}, stale: {result.stale}; "
            f"new notifications: {result.notifications}"
        )
        if options["digest"]:
            from alke.rounds.notifications import send_digests

            self.stdout.write(f"digest mails sent: {send_digests()}")
