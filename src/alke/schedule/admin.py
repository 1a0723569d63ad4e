"""Admin: read-only views of the timetable records.

Changes go through the scheduling pages, whose services check permissions, keep one session per slot and
notify the parties after publication; the admin would bypass all three.
"""

from django.contrib import admin

from alke.core.admin import ReadOnlyAdmin
from alke.schedule.models import Availability, NonWorkingDay, Session, TimeSlot, Timetable


@admin.register(Timetable)
class TimetableAdmin(ReadOnlyAdmin):
    list_display = ["round", "first_day", "last_day", "status", "solver_status", "solved_at", "is_demo"]


@admin.register(TimeSlot)
class TimeSlotAdmin(ReadOnlyAdmin):
    list_display = ["timetable", "start", "end"]


@admin.register(NonWorkingDay)
class NonWorkingDayAdmin(ReadOnlyAdmin):
    list_display = ["timetable", "date", "reason"]


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["code", "title_fi", "kind", "timetable", "date", "slot", "is_locked", "sequence"]
    list_filter = ["timetable", "kind", "is_locked"]
    search_fields = ["code", "title_fi"]


@admin.register(Availability)
class AvailabilityAdmin(ReadOnlyAdmin):
    list_display = ["timetable", "region", "ministry", "date", "slot", "kind"]
    list_filter = ["timetable", "kind"]
