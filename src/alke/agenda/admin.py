"""Admin: read-only views of proposals, ministry issues, synergy suggestions and agendas.

Their states move through the agenda pages, whose services enforce the round's phase and notify the
parties.
"""

from django.contrib import admin

from alke.agenda.models import Agenda, AgendaItem, MinistryIssue, Proposal, SynergySuggestion
from alke.core.admin import ReadOnlyAdmin, ReadOnlyInline


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["title", "region", "round", "kind", "status", "language"]
    list_filter = ["round", "status", "kind", "language", "region"]
    search_fields = ["title", "description", "request"]


@admin.register(MinistryIssue)
class MinistryIssueAdmin(ReadOnlyAdmin):
    list_display = ["title", "ministry", "round", "kind"]
    list_filter = ["round", "ministry"]
    search_fields = ["title"]


@admin.register(SynergySuggestion)
class SynergySuggestionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "round", "status"]
    list_filter = ["round", "status"]


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem


@admin.register(Agenda)
class AgendaAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "round", "kind", "region", "status"]
    list_filter = ["round", "kind", "status"]
    inlines = [AgendaItemInline]
