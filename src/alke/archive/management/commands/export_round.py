from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alke.archive.services import ArchiveError, describe, export_round
from alke.rounds.models import Round


class Command(BaseCommand):
    help = (
        "Write a round's signed archive: JSON of every record plus its documents as DOCX and PDF, in one zip."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("round", help="the round's year (e.g. 2024) or name (e.g. 'ALKE 2024')")
        parser.add_argument("--out", required=True, help="the zip file to write")
        parser.add_argument("--without-pdf", action="store_true", help="DOCX only (faster)")

    def handle(self, *args, **options) -> None:
        key = options["round"].strip()
        round_obj = (
            Round.objects.filter(year=int(key)).first()
            if key.isdigit()
            else Round.objects.filter(name=key).first()
        )
        if round_obj is None:
            known = ", ".join(str(y) for y in Round.objects.values_list("year", flat=True)) or "none"
            raise CommandError(f"no round {key!r}; rounds in the database: {known}")
        out = Path(options["out"])
        if out.parent and not out.parent.exists():
            raise CommandError(f"directory {out.parent} does not exist")
        tmp = out.with_name(out.name + ".part")
        # Written beside the target and renamed, so a failed export never leaves a half archive.
        try:
            counts = export_round(round_obj, str(tmp), with_pdf=not options["without_pdf"])
            tmp.replace(out)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        finally:
            tmp.unlink(missing_ok=True)
        self.stdout.write(describe(counts))
        self.stdout.write(
            self.style.SUCCESS(f"wrote {out}: {round_obj.name}, {sum(counts.values())} records")
        )
