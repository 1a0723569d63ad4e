"""`alke send-digest`: mail the daily digest to users who chose it; run once a day (e.g. from cron)."""

from django.core.management.base import BaseCommand

from alke.rounds.notifications import send_digests


class Command(BaseCommand):
    help = "Mail each daily-digest user one message with their notifications not mailed yet."

    def handle(self, *args, **options) -> None:
        sent = send_digests()
        self.stdout.write(f"digests sent: {sent}")
