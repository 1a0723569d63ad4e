"""Admin for coordinators: indicator definitions are edited here (action `indicator.manage`)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from alke.core.permissions import require
from alke.situation.models import Analysis, Dataset, DatasetVersion, Indicator
from alke.situation.services import recompute_indicators


class VersionInline(admin.TabularInline):
    model = DatasetVersion
    fields = ["number", "is_current", "format", "source_updated", "cell_count", "missing_count", "origin"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Dataset)
class DatasetAdmin(SimpleHistoryAdmin):
    """Datasets come from `alke import-stats`; here only their descriptive fields are corrected."""

    list_display = ["code", "name_fi", "table_id", "licence", "is_snapshot"]
    search_fields = ["code", "name_fi", "table_id"]
    readonly_fields = ["code", "is_snapshot"]
    inlines = [VersionInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "name_fi",
        "topic",
        "derivation",
        "dataset_code",
        "statfin_table",
        "is_key",
        "is_active",
    ]
    list_filter = ["topic", "derivation", "is_key", "is_active"]
    search_fields = ["code", "name_fi", "dataset_code", "statfin_table"]
    actions = ["recompute"]

    def save_model(self, request, obj, form, change) -> None:
        require(request.user, "indicator.manage")
        obj.stamp(request.user)
        super().save_model(request, obj, form, change)
        done, errors = recompute_indicators(obj.dataset_code)
        for code, error in errors.items():
            self.message_user(request, f"{code}: {error}", messages.ERROR)

    @admin.action(description=_("Laske valittujen indikaattorien arvot uudelleen"))
    def recompute(self, request, queryset) -> None:
        require(request.user, "indicator.manage")
        for dataset_code in sorted(set(queryset.values_list("dataset_code", flat=True))):
            done, errors = recompute_indicators(dataset_code)
            for code in done:
                self.message_user(request, f"{code}: OK")
            for code, error in errors.items():
                self.message_user(request, f"{code}: {error}", messages.ERROR)


@admin.register(Analysis)
class AnalysisAdmin(SimpleHistoryAdmin):
    list_display = ["region", "round", "section", "organisation", "is_demo", "modified_at"]
    list_filter = ["round", "section", "region"]
    search_fields = ["text"]
