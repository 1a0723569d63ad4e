"""What every write of the app shares: its error, permission subjects and the freeze rule."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from alke.agreements.models import (
    CooperationDocument,
    documents_covering,
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


def _frozen_message(document: CooperationDocument) -> str:
    return _(
        "Asiakirja ”%(title)s” on hyväksytty ja lukittu. Sitä ei voi muuttaa ennen kuin koordinaattori "
        "avaa sen uudelleen ja kirjaa syyn."
    ) % {"title": document.title}


def _check_not_final(round_id: int, region_id: int) -> None:
    for document in documents_covering(round_id, region_id):
        if document.is_final:
            raise AgreementError(_frozen_message(document), code="document_final")
