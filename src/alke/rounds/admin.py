"""Admin: read-only views of rounds and their phases (the coordinator moves a round on from its page)."""

from django.contrib import admin

from alke.core.admin import ReadOnlyAdmin
from alke.rounds.models import Round, RoundPhase


class RoundPhaseInline(admin.TabularInline):
    model = RoundPhase
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["name", "year", "phase", "common_theme", "is_demo"]
    list_filter = ["phase", "is_demo"]
    inlines = [RoundPhaseInline]
