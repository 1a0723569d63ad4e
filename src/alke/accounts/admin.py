from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from alke.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = ["organisation", "role", "is_active", "source"]


@admin.register(User)
class AlkeUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("alke", {"fields": ["preferred_language", "notification_mode", "is_demo"]}),
    ]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_demo"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "is_active", "source"]
    list_filter = ["role", "is_active", "source", "organisation__kind"]
    search_fields = ["user__username", "user__last_name", "organisation__name_fi"]
