"""Writes of follow-up: updates (one, a table of them, or a file), reminders, carry-over, surveys, improvements.

Every write checks the permission table (`require`) and runs in one transaction; a batch (the editable
table or an imported file) is validated whole before anything is written, so a bad row rejects it all.

One module per kind of write; every public name is importable from here.
"""

from alke.followup.services.carryover import (
    CarryOverResult,
    carry_over,
    next_round,
)
from alke.followup.services.imports import (
    COLUMNS,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    TEMPLATE_HEADER,
    import_updates,
    parse_update_file,
    status_from_text,
    template_rows,
)
from alke.followup.services.learning import (
    DEFAULT_QUESTIONS,
    IMPROVEMENT_FIELDS,
    answer_survey,
    close_survey,
    has_answered,
    open_survey,
    respondent_key,
    save_improvement,
)
from alke.followup.services.reminders import (
    ReminderResult,
    responsible_users,
    send_reminders,
)
from alke.followup.services.updates import (
    BatchRejected,
    FollowUpError,
    RowError,
    UpdateInput,
    ensure_followups,
    followup_of,
    record_update,
    record_updates,
    set_details,
)

__all__ = [
    "BatchRejected",
    "COLUMNS",
    "CarryOverResult",
    "DEFAULT_QUESTIONS",
    "FollowUpError",
    "IMPROVEMENT_FIELDS",
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "ReminderResult",
    "RowError",
    "TEMPLATE_HEADER",
    "UpdateInput",
    "answer_survey",
    "carry_over",
    "close_survey",
    "ensure_followups",
    "followup_of",
    "has_answered",
    "import_updates",
    "next_round",
    "open_survey",
    "parse_update_file",
    "record_update",
    "record_updates",
    "respondent_key",
    "responsible_users",
    "save_improvement",
    "send_reminders",
    "set_details",
    "status_from_text",
    "template_rows",
]
