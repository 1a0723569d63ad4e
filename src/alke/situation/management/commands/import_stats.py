"""`alke import-stats PATH_OR_URL`: import a statistical table as a new version of its dataset."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alke.situation.parsers import StatsFormatError, parse_all
from alke.situation.services import ImportPreview, fetch, import_cube


def describe_preview(preview: ImportPreview) -> list[str]:
    """The dry run in plain lines: what would be stored and what it would change."""
    lines = []
    if preview.duplicate is not None:
        lines.append(
            f"  duplicate: the same release is already dataset {preview.duplicate.dataset.code} "
            f"version {preview.duplicate.number}; nothing would be added"
        )
    elif preview.is_new_dataset:
        lines.append(f"  new dataset {preview.dataset_code}")
    else:
        lines.append(f"  new version {preview.current_number + 1} of {preview.dataset_code}")
    if preview.new_periods:
        lines.append(f"  new periods: {', '.join(preview.new_periods)}")
    if preview.dropped_periods:
        lines.append(f"  periods no longer in the table: {', '.join(preview.dropped_periods)}")
    for dim, codes in preview.new_categories.items():
        lines.append(f"  new categories of {dim}: {', '.join(codes)}")
    if preview.structure_changed:
        lines.append("  the dimensions differ from the current version; values are not compared")
    elif not preview.is_new_dataset:
        lines.append(
            f"  revised values: {preview.revised}; values that appear: {preview.appeared}; "
            f"values that disappear: {preview.disappeared}"
        )
        for codes, before, after in preview.examples:
            where = ", ".join(f"{k}={v}" for k, v in codes.items())
            lines.append(f"    {where}: {before:g} -> {after:g}")
    for effect in preview.indicators:
        if effect.error:
            lines.append(f"  indicator {effect.indicator.code}: would not compute: {effect.error}")
        else:
            lines.append(
                f"  indicator {effect.indicator.code}: latest year {effect.latest_before or '-'} -> "
                f"{effect.latest_after or '-'}"
            )
    return lines


class Command(BaseCommand):
    help = (
        "Import a statistical table from a PxWeb API (v1 or v2; JSON-stat 2.0 or the v1 json format), "
        "any JSON-stat 2.0 address or file, or a PX file. A newer release adds a version; the same "
        "release again (by table id and checksum, under any file name) adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="file path or http(s) URL of the table")
        parser.add_argument(
            "--format", default="auto", choices=["auto", "jsonstat2", "pxweb-json", "px"], help="input format"
        )
        parser.add_argument("--query", help="JSON file with a PxWeb query to POST to the URL")
        parser.add_argument("--dataset", help="dataset code (default: from the table id or file name)")
        parser.add_argument(
            "--lang", help="language of the labels when the file does not say (fi, sv, en, …)"
        )
        parser.add_argument("--dry-run", action="store_true", help="parse, check and compare; store nothing")

    def handle(
        self,
        *args,
        source: str,
        format: str,
        query: str | None,
        dataset: str | None,
        lang: str | None,
        dry_run: bool,
        **kw,
    ):
        query_body = None
        if query:
            try:
                query_body = json.loads(Path(query).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise CommandError(f"cannot read the query file {query}: {exc}") from None
        sent = None
        try:
            if source.startswith(("http://", "https://")):
                raw, sent = fetch(source, query_body)
            else:
                if query_body is not None:
                    raise CommandError("--query is only used with a URL")
                try:
                    raw = Path(source).read_bytes()
                except OSError as exc:
                    raise CommandError(f"cannot read {source}: {exc}") from None
            cubes = parse_all(raw, format, lang=lang, origin=source)
            results = []
            for n, cube in enumerate(cubes, start=1):
                code = f"{dataset}-{n}" if dataset and len(cubes) > 1 else dataset
                results.append(
                    (cube, import_cube(cube, dataset_code=code, origin=source, query=sent, dry_run=dry_run))
                )
        except StatsFormatError as exc:
            raise CommandError(f"{source}: {exc}") from None
        for cube, result in results:
            dims = " × ".join(f"{d.code} ({d.size})" for d in cube.dims)
            if dry_run:
                self.stdout.write(f"dry run: {cube.format} table {cube.table_id or '-'}: {dims}")
                self.stdout.write(f"  {result.cells} values, {result.missing} missing; nothing stored")
                for line in describe_preview(result.preview):
                    self.stdout.write(line)
                continue
            if not result.created:
                self.stdout.write(f"{result.dataset.code}: {result.message}")
                continue
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
