"""Read-only admin: every change goes through the services so permissions and the freeze rule hold."""

from django.contrib import admin

from alke.core.admin import ReadOnlyAdmin
from alke.funding.models import Appropriation, FundedEntity, LedgerEntry, RegionAllocation


@admin.register(Appropriation)
class AppropriationAdmin(ReadOnlyAdmin):
    list_display = ["round", "budget_item", "total", "equal_share_percent"]


@admin.register(RegionAllocation)
class RegionAllocationAdmin(ReadOnlyAdmin):
    list_display = ["appropriation", "region", "proposed_amount", "amount"]


@admin.register(FundedEntity)
class FundedEntityAdmin(ReadOnlyAdmin):
    list_display = ["allocation", "name_fi", "amount"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["entity", "kind", "amount", "booked_on", "reference"]
