from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from alke.partnerships.models import (
    Contact,
    DevelopmentZone,
    Document,
    EcosystemAgreement,
    FocusArea,
    FocusAreaGroup,
    Framework,
    Funding,
    ThematicNetwork,
)


class DetailInline(admin.TabularInline):
    extra = 0


class FundingInline(DetailInline):
    model = Funding


class ContactInline(DetailInline):
    model = Contact
    autocomplete_fields = ["organisation"]


class DocumentInline(DetailInline):
    model = Document


class RecordAdmin(SimpleHistoryAdmin):
    search_fields = ["name_fi", "name_sv", "name_en"]
    list_filter = ["is_public", "regions"]
    filter_horizontal = ["regions", "member_organisations"]
    inlines = [FundingInline, ContactInline, DocumentInline]

    def save_model(self, request, obj, form, change):
        obj.stamp(request.user)
        super().save_model(request, obj, form, change)


@admin.register(EcosystemAgreement)
class EcosystemAgreementAdmin(RecordAdmin):
    list_display = ["name_fi", "generation", "status", "period_start", "period_end", "is_public"]
    list_filter = ["generation", "status", "is_public", "regions"]
    filter_horizontal = [*RecordAdmin.filter_horizontal, "municipalities", "focus_areas", "frameworks"]
    prepopulated_fields = {"slug": ["name_fi"]}


@admin.register(ThematicNetwork, DevelopmentZone)
class CoordinatedAdmin(RecordAdmin):
    list_display = ["name_fi", "coordinator_name", "period_start", "period_end", "is_public"]


@admin.register(FocusAreaGroup, FocusArea, Framework)
class TaxonomyAdmin(SimpleHistoryAdmin):
    search_fields = ["name_fi"]
