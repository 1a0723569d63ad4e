"""Shared admin base classes."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Browse records and their history; changes go through the app's pages, whose services check
    permissions, the round's phase and notify the parties, all of which the admin would bypass."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# The base class itself is not a model admin; nothing to register here.
__all__ = ["ReadOnlyAdmin", "admin"]
