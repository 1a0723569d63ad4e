"""Read-only admin: every change goes through the services so permissions, versions and freezing hold."""

from django.contrib import admin

from alke.agreements.models import (
    AgendaItemMinutes,
    Conclusion,
    CooperationDocument,
    DocumentApproval,
    DocumentVersion,
)
from alke.core.admin import ReadOnlyAdmin


@admin.register(Conclusion)
class ConclusionAdmin(ReadOnlyAdmin):
    list_display = ["round", "region", "order", "text_fi", "deadline", "needs_budget_decision"]
    list_filter = ["round", "region", "needs_budget_decision"]


@admin.register(AgendaItemMinutes)
class AgendaItemMinutesAdmin(ReadOnlyAdmin):
    list_display = ["round", "region", "agenda_item", "text_fi"]
    list_filter = ["round", "region"]


@admin.register(CooperationDocument)
class CooperationDocumentAdmin(ReadOnlyAdmin):
    list_display = ["round", "region", "kind", "status", "published_at"]
    list_filter = ["round", "status"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    list_display = ["document", "number", "note", "created_at"]


@admin.register(DocumentApproval)
class DocumentApprovalAdmin(ReadOnlyAdmin):
    list_display = ["version", "party", "region", "approved_by", "approved_at"]
