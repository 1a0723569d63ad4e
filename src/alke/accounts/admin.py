from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from alke.accounts.models import ExternalIdentity, Membership, MembershipRequest, User


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


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(SimpleHistoryAdmin):
    list_display = ["user", "provider", "issuer", "last_sign_in"]
    list_filter = ["provider"]
    search_fields = ["user__username", "user__last_name", "subject"]
    readonly_fields = ["issuer", "subject", "mapped_claims", "last_sign_in"]


@admin.register(MembershipRequest)
class MembershipRequestAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "status", "created_at", "decided_by"]
    list_filter = ["status", "role"]
    search_fields = ["user__username", "user__last_name", "organisation__name_fi"]
    # Decisions go through the coordinator's page so the permission check and audit trail apply.
    readonly_fields = ["status", "decided_at", "decided_by", "decision_note"]
