"""`alke solve-schedule PROBLEM.json [--time-limit SECONDS]`: the timetable solver on the command line."""

import json
import math

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from alke.schedule.solver import ProblemError, load_problem_file, solve_json


class Command(BaseCommand):
    help = (
        "Solve a timetable problem (format version 1) and print the solution as JSON. "
        "Bad input exits with code 2 and names the field."
    )

    def add_arguments(self, parser):
        parser.add_argument("problem", help="path to PROBLEM.json, or - for standard input")
        parser.add_argument(
            "--time-limit",
            type=float,
            default=None,
            help="stop after this many seconds (status 'feasible' if the optimum is not proven by then)",
        )

    def handle(self, *args, **options):
        limit = options["time_limit"]
        try:
            if limit is not None and not (limit > 0 and math.isfinite(limit)):
                raise ProblemError("--time-limit: must be a positive number of seconds")
            data = load_problem_file(options["problem"])
            with translation.override("en"):
                result = solve_json(data, time_limit=limit)
        except ProblemError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
