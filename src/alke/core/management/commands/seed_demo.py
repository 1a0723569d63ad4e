from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from alke.accounts.demo import demo_logins_table
from alke.core.registry import demo_loaders


class Command(BaseCommand):
    help = "Load the reference data and every capability's demo content (demo mode only; idempotent)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("demo content is only loaded when ALKE_MODE is demo or development")
        call_command("load_reference", stdout=self.stdout)
        for loader in demo_loaders:
            self.stdout.write(f"demo: {loader.name}")
            loader.load(lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write("")
        self.stdout.write(demo_logins_table())
