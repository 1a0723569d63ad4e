"""What every write of the app shares: its error, permission subjects and the freeze rule."""

from __future__ import annotations

from dataclasses import dataclass

from alke.agreements.models import (
    CooperationDocument,
    documents_covering,
    frozen_message,
)
from alke.core.domain import DomainError


class AgreementError(DomainError):
    """Bad input or a forbidden transition of conclusions, documents or their funding."""


class EditConflict(AgreementError):
    """Someone saved the draft after this user opened it; `current` is what is stored now."""

    default_code = "edit_conflict"

    def __init__(self, message: str, current: CooperationDocument):
        super().__init__(message)
        self.current = current


@dataclass
class RegionSubject:
    """A permission subject for writes that concern a region before any record exists."""

    region_id: int


@dataclass
class MinistrySubject:
    """A permission subject for a ministry (its worklist)."""

    ministry_id: int


def _check_not_final(round_id: int, region_id: int) -> None:
    for document in documents_covering(round_id, region_id):
        if document.is_final:
            raise AgreementError(frozen_message(document), code="document_final")
