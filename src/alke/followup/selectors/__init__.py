"""Reads of follow-up: the one query layer behind every view of the numbers.

The follow-up pages, the public page, the AUNE report, its PDF and XLSX exports and the API all read
`followup_rows` and `aune_report`, so the same question gets the same number everywhere.

One module per question: which conclusions are followed up and one conclusion (`tracked`), the rows and
tallies every report is made of (`rows`), the AUNE report with funding and process metrics (`report`)
and the feedback survey (`survey`); every public name is importable from here.
"""

from alke.followup.selectors.report import (
    NO_THEME,
    FundingRow,
    ProcessRow,
    ProcessSummary,
    Report,
    aune_report,
    funding_rows,
    process_metrics,
    report_rounds,
)
from alke.followup.selectors.rows import (
    STATUS_CODES,
    ZERO,
    FollowUpRow,
    Tally,
    followup_rows,
    tally,
    total,
)
from alke.followup.selectors.survey import (
    QuestionResult,
    survey_comparison,
    survey_mean,
    survey_results,
)
from alke.followup.selectors.tracked import (
    IndicatorProgress,
    conclusion_detail,
    indicator_progress,
    is_published,
    is_tracked,
    published_conclusions,
    tracked_conclusions,
    updatable_conclusions,
    updates_of,
)

__all__ = [
    "FollowUpRow",
    "FundingRow",
    "IndicatorProgress",
    "NO_THEME",
    "ProcessRow",
    "ProcessSummary",
    "QuestionResult",
    "Report",
    "STATUS_CODES",
    "Tally",
    "ZERO",
    "aune_report",
    "conclusion_detail",
    "followup_rows",
    "funding_rows",
    "indicator_progress",
    "is_published",
    "is_tracked",
    "process_metrics",
    "published_conclusions",
    "report_rounds",
    "survey_comparison",
    "survey_mean",
    "survey_results",
    "tally",
    "total",
    "tracked_conclusions",
    "updatable_conclusions",
    "updates_of",
]
