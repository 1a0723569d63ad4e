from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from alke.followup.models import (
    ConclusionFollowUp,
    FeedbackSurvey,
    FollowUpUpdate,
    ImprovementItem,
    SurveyQuestion,
)


class UpdateInline(admin.TabularInline):
    model = FollowUpUpdate
    extra = 0
    fields = ("on", "status", "progress", "note", "evidence_url", "organisation")
    readonly_fields = fields
    can_delete = False


@admin.register(ConclusionFollowUp)
class ConclusionFollowUpAdmin(SimpleHistoryAdmin):
    list_display = ("conclusion", "status", "progress", "last_update_on", "is_demo")
    list_filter = ("status", "conclusion__round", "is_demo")
    readonly_fields = ("status", "progress", "completed_on", "last_update_on", "drop_reason")
    inlines = [UpdateInline]


class QuestionInline(admin.TabularInline):
    model = SurveyQuestion
    extra = 0


@admin.register(FeedbackSurvey)
class FeedbackSurveyAdmin(SimpleHistoryAdmin):
    list_display = ("round", "is_open", "anonymous", "is_demo")
    inlines = [QuestionInline]


@admin.register(ImprovementItem)
class ImprovementItemAdmin(SimpleHistoryAdmin):
    list_display = ("title", "source_round", "target_round", "status", "is_demo")
    list_filter = ("status", "source_round")
