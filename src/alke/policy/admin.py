from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from alke.policy.models import DecisionPriority, DevelopmentDecision, StatutoryObjective, SubTheme, Theme


class PriorityInline(admin.TabularInline):
    model = DecisionPriority
    extra = 0


class SubThemeInline(admin.TabularInline):
    model = SubTheme
    extra = 0


@admin.register(StatutoryObjective)
class StatutoryObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["number", "text_fi"]


@admin.register(DevelopmentDecision)
class DevelopmentDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_fi", "valid_from", "valid_to"]
    inlines = [PriorityInline]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name_fi", "is_common", "source"]
    inlines = [SubThemeInline]
