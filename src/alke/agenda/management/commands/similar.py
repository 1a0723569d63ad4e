"""`alke similar FILE.json [--top K]`: neighbours from other regions and cross-region groups, as JSON."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandParser

from alke.agenda.synergy import LANGUAGES, SynergyInputError, analyse, parse_items


class Command(BaseCommand):
    help = (
        'Read {"items": [{"id", "region", "title", "text", "lang"}]} from FILE ("-" for stdin) and print '
        '{"lang", "neighbours": {...}, "groups": [...]}: the K most similar proposals of other regions for each '
        "item and non-overlapping groups spanning two or more regions, each saying what the items share; "
        "titles and concept labels are in the --lang language. Bad input exits with code 2."
    )
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="input JSON file, or - for standard input")
        parser.add_argument("--top", type=int, default=3, help="neighbours per item (default 3)")
        parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            default="fi",
            help="language of group titles and concept labels (default fi)",
        )

    def handle(self, *args, **options) -> None:
        path = options["file"]
        try:
            if path == "-":
                data = json.load(sys.stdin)
            else:
                with open(path, encoding="utf-8") as handle:
                    data = json.load(handle)
            if options["top"] < 1:
                raise SynergyInputError("--top must be at least 1")
            result = analyse(parse_items(data), top=options["top"])
        except FileNotFoundError:
            self._fail(f"no such file: {path}")
        except json.JSONDecodeError as error:
            self._fail(f"{path} is not valid JSON: {error}")
        except UnicodeDecodeError:
            self._fail(f"{path} is not UTF-8 text")
        except SynergyInputError as error:
            self._fail(f"{path}: {error}")
        self.stdout.write(json.dumps(result.as_json(options["lang"]), ensure_ascii=False))

    def _fail(self, message: str) -> None:
        self.stderr.write(f"alke similar: {message}")
        sys.exit(2)
