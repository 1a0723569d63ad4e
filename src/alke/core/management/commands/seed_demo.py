from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alke.core.registry import demo_loaders


class Command(BaseCommand):
    help = "Load the reference data and every capability's demo content (demo mode only; idempotent)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("demo content is only loaded when ALKE_MODE is demo or development")
        loaders = demo_loaders()
        for loader in loaders:
            self.stdout.write(f"demo: {loader.name}")
            loader.load(lambda line: self.stdout.write(f"  {line}"))
        for loader in loaders:
            if loader.summary is not None:
                self.stdout.write("")
                self.stdout.write(loader.summary())
