from django.core.management.base import BaseCommand, CommandError

from alke.archive.services import ArchiveError, describe, import_round


class Command(BaseCommand):
    help = "Restore a round archive written by export-round into a database that does not have the round."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", help="the zip file written by alke export-round")

    def handle(self, *args, **options) -> None:
        try:
            with open(options["archive"], "rb") as handle:
                result = import_round(handle)
        except FileNotFoundError as error:
            raise CommandError(f"no such file: {options['archive']}") from error
        except ArchiveError as error:
            raise CommandError(f"{options['archive']}: {error}") from error
        self.stdout.write(describe(result.counts))
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(
            self.style.SUCCESS(f"restored {result.round.name}: {sum(result.counts.values())} records")
        )
