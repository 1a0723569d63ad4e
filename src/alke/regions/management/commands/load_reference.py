from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alke.regions.services import ReferenceDataError, load_reference, load_shipped_data


class Command(BaseCommand):
    help = "Load and validate the reference data (regions, municipalities, ministries, policy, partnerships)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir", type=Path, help="folder with the reference files (default: bundled)"
        )

    def handle(self, *args, data_dir=None, **options):
        try:
            counts = load_reference(data_dir)
        except ReferenceDataError as exc:
            raise CommandError(f"reference data not loaded, nothing changed: {exc}") from exc
        for name, count in counts.as_dict().items():
            self.stdout.write(f"{name.replace('_', ' '):<24} {count:>5}")
        # The capabilities' shipped real data (the situational picture's statistics), after the
        # reference data they refer to.
        load_shipped_data(self.stdout.write)
