from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from alke.regions.models import Ministry, Municipality, Organisation, Region


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_fi", "name_sv", "council_name_fi", "is_mainland", "is_bilingual"]


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_fi", "name_sv", "region", "group"]
    list_filter = ["region", "group"]
    search_fields = ["name_fi", "name_sv", "code"]


@admin.register(Ministry)
class MinistryAdmin(SimpleHistoryAdmin):
    list_display = ["abbreviation", "name_fi", "name_sv", "name_en", "is_coordinator"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name_fi", "kind", "region", "ministry", "slug"]
    list_filter = ["kind"]
    search_fields = ["name_fi", "slug"]
