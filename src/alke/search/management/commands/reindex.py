from django.core.management.base import BaseCommand, CommandError

from alke.search.registry import sources
from alke.search.services import reindex


class Command(BaseCommand):
    help = "Rebuild the full-text search index (all sources, or the ones named)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("sources", nargs="*", help="source keys, e.g. proposal conclusion (default: all)")

    def handle(self, *args, **options) -> None:
        known = {s.key for s in sources()}
        unknown = [k for k in options["sources"] if k not in known]
        if unknown:
            raise CommandError(
                f"unknown search source(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        counts = reindex(options["sources"] or None)
        for key, count in counts.items():
            self.stdout.write(f"{key}: {count} entries")
        self.stdout.write(self.style.SUCCESS(f"indexed {sum(counts.values())} entries"))
