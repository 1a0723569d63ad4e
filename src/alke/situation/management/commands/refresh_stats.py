"""`alke refresh-stats`: fetch every dataset that has a stored PxWeb query again (daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from alke.situation.services import refresh_datasets


class Command(BaseCommand):
    help = (
        "Fetch again every dataset imported from a PxWeb service (StatFin API v1 or v2) with its stored "
        "query. A new release becomes a new version and its indicators are recomputed; the same release "
        "adds nothing and says so. Safe to run daily; exits 1 if a service could not be read."
    )

    def handle(self, *args, **options):
        outcomes = refresh_datasets(lambda line: self.stdout.write(line))
        if not outcomes:
            self.stdout.write("no dataset has a stored PxWeb query; nothing to refresh")
            return
        new = sum(1 for o in outcomes if o.result is not None and o.result.created)
        failed = [o for o in outcomes if o.error]
        self.stdout.write(f"{len(outcomes)} datasets checked: {new} new releases, {len(failed)} failed")
        if failed:
            raise CommandError(", ".join(o.dataset.code for o in failed) + ": not refreshed")
