"""Admin: read-only views of rounds and their phases (the coordinator moves a round on from its page)."""

from django.contrib import admin

from alke.core.admin import ReadOnlyAdmin, ReadOnlyInline
from alke.rounds.models import Round, RoundPhase


class RoundPhaseInline(ReadOnlyInline):
    model = RoundPhase


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["name", "year", "phase", "common_theme", "is_demo"]
    list_filter = ["phase", "is_demo"]
    inlines = [RoundPhaseInline]
