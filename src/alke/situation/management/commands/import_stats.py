"""`alke import-stats PATH_OR_URL`: import a statistical table as a new version of its dataset."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alke.situation.parsers import StatsFormatError, parse
from alke.situation.services import fetch, import_cube


class Command(BaseCommand):
    help = (
        "Import a Statistics Finland table from a PxWeb API (v1 or v2; JSON-stat2 or the v1 json format) "
        "or a PX file. A newer release adds a version; the same release again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="file path or http(s) URL of the table")
        parser.add_argument(
            "--format", default="auto", choices=["auto", "jsonstat2", "pxweb-json", "px"], help="input format"
        )
        parser.add_argument("--query", help="JSON file with a PxWeb query to POST to the URL")
        parser.add_argument("--dataset", help="dataset code (default: from the table id or file name)")
        parser.add_argument("--dry-run", action="store_true", help="parse and check, store nothing")

    def handle(
        self, *args, source: str, format: str, query: str | None, dataset: str | None, dry_run: bool, **kw
    ):
        query_body = None
        if query:
            try:
                query_body = json.loads(Path(query).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise CommandError(f"cannot read the query file {query}: {exc}") from None
        try:
            if source.startswith(("http://", "https://")):
                raw = fetch(source, query_body)
            else:
                if query_body is not None:
                    raise CommandError("--query is only used with a URL")
                try:
                    raw = Path(source).read_bytes()
                except OSError as exc:
                    raise CommandError(f"cannot read {source}: {exc}") from None
            cube = parse(raw, format)
            result = import_cube(cube, dataset_code=dataset, origin=source, query=query_body, dry_run=dry_run)
        except StatsFormatError as exc:
            raise CommandError(f"{source}: {exc}") from None
        dims = " × ".join(f"{d.code} ({d.size})" for d in cube.dims)
        if dry_run:
            self.stdout.write(f"dry run: {cube.format} table {cube.table_id or '-'}: {dims}")
            self.stdout.write(f"  {result.cells} values, {result.missing} missing; nothing stored")
            return
        if not result.created:
            self.stdout.write(f"{result.dataset.code}: {result.message}")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.dataset.code}: version {result.version.number} stored: {dims}; "
                f"{result.cells} values, {result.missing} missing"
            )
        )
        for code in result.indicators:
            self.stdout.write(f"  indicator {code}: recomputed")
        for code, error in result.indicator_errors.items():
            self.stderr.write(f"  indicator {code}: not computed: {error}")
