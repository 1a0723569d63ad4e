"""`alke permissions`: the assembled role × action × phase table, as every app's manifest declares it."""

from django.core.management.base import BaseCommand

from alke.core.manifest import contributions
from alke.core.permissions import (
    ANY,
    OWN_MINISTRY,
    OWN_ORGANISATION,
    OWN_REGION,
    PHASES,
    PUBLIC,
    SIGNED_IN,
    Role,
    app_of,
    declarations,
)

SCOPES = {ANY: "all", OWN_REGION: "own region", OWN_MINISTRY: "own ministry", OWN_ORGANISATION: "own org"}
COLUMNS = [(role.value, role.value) for role in Role] + [(PUBLIC, "public"), (SIGNED_IN, "signed in")]


def table() -> tuple[list[str], list[list[str]]]:
    """The header and one row per action: its app, name, each role's scope and the phases it is open in."""
    order = [p.code for p in contributions(PHASES)]
    header = ["app", "action", *(label for _key, label in COLUMNS), "phases"]
    rows = []
    for action in declarations():
        phases = "any" if action.phases is None else ", ".join(p for p in order if p in action.phases)
        cells = [SCOPES[action.roles[key]] if key in action.roles else "–" for key, _label in COLUMNS]
        rows.append([app_of(action.name), action.name, *cells, phases])
    return header, rows


class Command(BaseCommand):
    help = "Print who may do what and when: every action with each role's scope and the round phases."

    def add_arguments(self, parser):
        parser.add_argument("--markdown", action="store_true", help="print a Markdown table (for the docs)")

    def handle(self, *args, markdown=False, **options):
        header, rows = table()
        if markdown:
            self.stdout.write("| " + " | ".join(header) + " |")
            self.stdout.write("|" + "|".join(" --- " for _ in header) + "|")
            for row in rows:
                self.stdout.write("| " + " | ".join(row) + " |")
            return
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, ["-" * w for w in widths], *rows]:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
        self.stdout.write("")
        self.stdout.write(
            "all = every subject; own region / own ministry / own org = subjects that concern the membership's "
            "region, ministry or organisation; – = not allowed. The administrator may do everything."
        )
        if order := [p.code for p in contributions(PHASES)]:
            self.stdout.write("phases in order: " + ", ".join(order))
