"""The search sources of the capability apps, defined here so those apps need not know about search.

Each source is registered only when its model is installed. Who finds what follows the permission
table (`alke.core.permissions`) and, where the owning app has one, its own selector:

- proposals and ministry issues: the roles that may view proposals; a draft proposal only for its own
  regional council and the coordinator;
- conclusions: everyone once a published version records them (indexed in its wording, linked to the
  public document page: `alke.agreements.published`), otherwise the roles that may view conclusions;
- cooperation documents: everyone once published (the published text, linked to the public page),
  otherwise only the parties: the state (coordinator and ministries) and the regional councils the
  document concerns;
- ecosystem agreements, thematic networks and development zones: what the partnership register shows
  the reader (`alke.partnerships.selectors.visible`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from alke.core.permissions import can, scope_q
from alke.search.registry import Document, SearchSource, register_source


def _url(obj: Any) -> str:
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return ""


def _join(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


# ---------------------------------------------------------------------------------------------------
# Proposals and ministry issues (agenda)


def _proposal_documents(p) -> list[Document]:
    context = f"{p.round.name} · {p.region.name}"
    return [Document(p.language, p.title, _join(p.description, p.request), _url(p), context)]


def visible_proposals(user) -> QuerySet:
    from alke.agenda.models import Proposal
    from alke.agenda.selectors import readable_proposals

    return readable_proposals(user, Proposal.objects.all())


def _issue_documents(issue) -> list[Document]:
    context = f"{issue.round.name} · {issue.ministry.name}"
    return [Document(issue.language, issue.title, issue.description, _url(issue), context)]


def visible_issues(user) -> QuerySet:
    from alke.agenda.models import MinistryIssue

    return MinistryIssue.objects.all() if can(user, "proposal.view") else MinistryIssue.objects.none()


# ---------------------------------------------------------------------------------------------------
# Conclusions and cooperation documents (agreements)


def _published_as(c):
    """The conclusion as a published version records it, or None if no published version has it."""
    from alke.agreements.published import published_conclusions

    return next(
        (
            p
            for p in published_conclusions(years=[c.round.year], region_codes=[c.region.code])
            if p.id == c.pk
        ),
        None,
    )


def _conclusion_documents(c) -> list[Document]:
    """A published conclusion is indexed in its published wording with a link to the public document page
    (the public finds it; a reopened document's draft stays out of the index); any other one in its
    current wording with a link to the document page of the parties."""
    context = f"{c.round.name} · {c.region.name}"
    published = _published_as(c)
    if published is not None:
        text_fi, text_sv, url = published.text_fi, published.text_sv, published.url
    else:
        text_fi, text_sv, url = c.text_fi, c.text_sv, _url_of_region_documents(c)
    docs = [Document("fi", _title(text_fi), text_fi, url, context)]
    if text_sv:
        docs.append(Document("sv", _title(text_sv), text_sv, url, context))
    return docs


def _url_of_region_documents(c) -> str:
    from alke.agreements.models import documents_covering

    doc = documents_covering(c.round_id, c.region_id).order_by("pk").first()
    return _url(doc) if doc else ""


def _title(text: str, length: int = 120) -> str:
    first = (text or "").strip().split("\n", 1)[0]
    return first if len(first) <= length else first[: length - 1].rstrip() + "…"


def visible_conclusions(user) -> QuerySet:
    """Every conclusion for those who may view conclusions; the others the published ones."""
    from alke.agreements.models import Conclusion
    from alke.agreements.published import published_conclusion_ids

    if can(user, "conclusion.view"):
        return Conclusion.objects.all()
    return Conclusion.objects.filter(pk__in=sorted(published_conclusion_ids()))


def _conclusions_of_document(doc) -> list:
    """A document's publication changes how its conclusions are indexed (wording and link)."""
    from alke.agreements.models import Conclusion

    if doc.published_version_id is None:
        return []
    return list(Conclusion.objects.filter(round_id=doc.round_id, region_id__in=doc.permission_regions()))


def _document_url(doc) -> str:
    """A published document links to its public page, which everyone may open."""
    from django.urls import reverse

    if doc.published_version_id is not None:
        return reverse("agreements:public_document", args=[doc.pk])
    return _url(doc)


def _document_documents(doc) -> list[Document]:
    from alke.agreements.content import layout

    version = doc.published_version or doc.latest_version()
    if version is None:
        return []
    languages = ["fi", "sv"] if doc.has_swedish else ["fi"]
    documents = []
    for language in languages:
        view = layout(version.content, language)
        lines = []
        for section in view.sections:
            lines.append(section.heading)
            lines += section.paragraphs
            lines += [c.text for c in section.conclusions]
        documents.append(
            Document(
                language,
                f"{view.title} – {view.subtitle}",
                "\n".join(lines),
                _document_url(doc),
                doc.round.name,
            )
        )
    return documents


def visible_documents(user) -> QuerySet:
    """Published documents for everyone; the others for their parties (`document.view`)."""
    from alke.agreements.models import CooperationDocument

    qs = CooperationDocument.objects.all()
    parties = scope_q(user, "document.view")
    if parties is None:
        return qs
    return qs.filter(Q(published_version__isnull=False) | Q(pk__in=qs.filter(parties).values("pk")))


def _documents_of_version(version) -> list:
    return [version.document]


# ---------------------------------------------------------------------------------------------------
# Partnership register


def _partnership_documents(record) -> list[Document]:
    body = _join(record.description, record.goals, record.results)
    context = str(record._meta.verbose_name)
    docs = [Document("fi", record.name_fi, body, _url(record), context)]
    if record.name_sv:
        docs.append(Document("sv", record.name_sv, "", _url(record), context))
    return docs


def _partnership_visible(kind: str):
    def visible(user) -> QuerySet:
        from alke.partnerships.selectors import visible as register_visible

        return register_visible(kind, user)

    return visible


def register_all() -> None:
    """Register the sources whose models exist; called from SearchConfig.ready()."""
    register_source(
        SearchSource("proposal", "agenda.Proposal", _("Ehdotus"), _proposal_documents, visible_proposals)
    )
    register_source(
        SearchSource(
            "issue", "agenda.MinistryIssue", _("Ministeriön nosto"), _issue_documents, visible_issues
        )
    )
    register_source(
        SearchSource(
            "conclusion",
            "agreements.Conclusion",
            _("Johtopäätös"),
            _conclusion_documents,
            visible_conclusions,
            watch={"agreements.CooperationDocument": _conclusions_of_document},
        )
    )
    register_source(
        SearchSource(
            "document",
            "agreements.CooperationDocument",
            _("Yhteistyöasiakirja"),
            _document_documents,
            visible_documents,
            watch={"agreements.DocumentVersion": _documents_of_version},
        )
    )
    for kind, model, label in (
        ("agreement", "partnerships.EcosystemAgreement", _("Ekosysteemisopimus")),
        ("network", "partnerships.ThematicNetwork", _("Teemaverkosto")),
        ("zone", "partnerships.DevelopmentZone", _("Kehittämisvyöhyke")),
    ):
        register_source(SearchSource(kind, model, label, _partnership_documents, _partnership_visible(kind)))
