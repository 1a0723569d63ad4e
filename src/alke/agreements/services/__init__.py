"""Writes: conclusions, minutes and cooperation documents (versions, approvals, reopening, publication).

Every write checks the permission table first, runs in one transaction and stamps its author.
One module per kind of write; every public name is importable from here.
"""

from alke.agreements.services.base import (
    AgreementError,
    EditConflict,
    MinistrySubject,
    RegionSubject,
)
from alke.agreements.services.conclusions import (
    delete_conclusion,
    record_conclusion,
    remove_conclusion_indicator,
    set_conclusion_indicator,
)
from alke.agreements.services.documents import (
    add_comment,
    approval_state,
    approve,
    create_document,
    publish,
    refresh_drafts,
    refresh_version,
    reopen,
    save_document,
)
from alke.agreements.services.minutes import (
    record_minutes,
    save_minutes,
)

__all__ = [
    "AgreementError",
    "EditConflict",
    "MinistrySubject",
    "RegionSubject",
    "add_comment",
    "approval_state",
    "approve",
    "create_document",
    "delete_conclusion",
    "publish",
    "record_conclusion",
    "record_minutes",
    "refresh_drafts",
    "refresh_version",
    "remove_conclusion_indicator",
    "reopen",
    "save_document",
    "save_minutes",
    "set_conclusion_indicator",
]
