"""The conclusions the public may read: exactly those the published versions record, in their words.

The public document page shows one published document's `published_version.content["conclusions"]`
(from `selectors.published_documents`). Every public output that lists conclusions across documents
(`/api/v1/conclusions`, the public follow-up page and API, open data, search) reads them through
`published_conclusions` below, so each is listed once and a reopened document's draft — a new conclusion,
or new wording of an old one — stays out of public view until a new final version is published.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from alke.agreements.models import CooperationDocument, DocumentVersion
from alke.agreements.selectors import published_documents
from alke.core.cache import cached

CACHE_NAMESPACE = "published-conclusions"


@dataclass(frozen=True)
class PublishedConclusion:
    """One conclusion as a published version records it (`data` is that version's entry)."""

    document: CooperationDocument
    data: dict[str, Any]

    @property
    def id(self) -> int:
        return self.data["id"]

    @property
    def region_code(self) -> str:
        return self.data["region"]

    @property
    def round(self):
        return self.document.round

    @property
    def number(self) -> int:
        """Its number in the published document."""
        return self.data.get("number") or 0

    @property
    def text_fi(self) -> str:
        return self.data.get("text_fi") or ""

    @property
    def text_sv(self) -> str:
        return self.data.get("text_sv") or ""

    @property
    def ministries(self) -> list[str]:
        """Abbreviations of the responsible ministries."""
        return [m["abbreviation"] for m in self.data.get("ministries", [])]

    @property
    def region_responsible(self) -> bool:
        return bool(self.data.get("region_responsible"))

    @property
    def other_parties(self) -> str:
        return self.data.get("other_parties") or ""

    @property
    def deadline(self) -> date | None:
        value = self.data.get("deadline")
        return date.fromisoformat(value) if value else None

    @property
    def needs_budget_decision(self) -> bool:
        return bool(self.data.get("needs_budget_decision"))

    @property
    def url(self) -> str:
        """The public page of the published document that records it."""
        return reverse("agreements:public_document", args=[self.document.pk])


def published_conclusions(
    *, years: Iterable[int] | None = None, region_codes: Iterable[str] | None = None
) -> list[PublishedConclusion]:
    """Every conclusion of the published versions, once each, ordered by round (newest first), region,
    number in the document.

    A conclusion recorded by two published documents (its region's own and a joint one) is given as the
    most recently published of them records it.
    """
    documents = published_documents().defer("published_version__content")
    if years is not None:
        documents = documents.filter(round__year__in=list(years))
    codes = {c.upper() for c in region_codes} if region_codes else None
    if codes is not None:
        # A subquery rather than a join, so no document is listed twice and no DISTINCT is needed.
        joint = CooperationDocument.objects.filter(other_regions__code__in=sorted(codes)).values("pk")
        documents = documents.filter(Q(region__code__in=sorted(codes)) | Q(pk__in=joint))
    documents = list(documents)
    contents = _version_conclusions([d.published_version for d in documents])
    chosen: dict[int, PublishedConclusion] = {}
    for document in documents:
        for data in contents.get(document.published_version_id, []):
            if codes is not None and data["region"] not in codes:
                continue
            earlier = chosen.get(data["id"])
            if earlier is None or earlier.document.published_at < document.published_at:
                chosen[data["id"]] = PublishedConclusion(document, data)
    return sorted(chosen.values(), key=lambda p: (-p.round.year, p.region_code, p.number, p.id))


def _version_conclusions(versions: list[DocumentVersion]) -> dict[int, list[dict[str, Any]]]:
    """Version id -> the conclusions its content records, parsed once and cached across requests.

    A version is immutable once saved (`DocumentVersion.save` refuses changes), so the cache key is made
    of the versions themselves (id, document, number and creation time; the time tells a restored or recreated database's
    reused id apart): publishing or reopening a document changes which versions are asked for, and so
    the key, without a bump.
    """
    if not versions:
        return {}
    identity = ",".join(
        f"{v.pk}:{v.document_id}:{v.number}@{v.created_at.isoformat()}"
        for v in sorted(versions, key=lambda v: v.pk)
    )
    key = hashlib.sha256(identity.encode()).hexdigest()

    def build() -> dict[int, list[dict[str, Any]]]:
        rows = DocumentVersion.objects.filter(pk__in=[v.pk for v in versions]).values_list("pk", "content")
        return {pk: (content or {}).get("conclusions", []) for pk, content in rows}

    return cached(CACHE_NAMESPACE, key, build, per_language=False)


def published_conclusion_ids() -> set[int]:
    """The ids of every conclusion a published version records."""
    return {p.id for p in published_conclusions()}
