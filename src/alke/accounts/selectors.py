"""Reads for accounts: membership requests and the organisations a user may ask a role in."""

from __future__ import annotations

from django.db.models import QuerySet

from alke.accounts.models import Membership, MembershipRequest, User
from alke.regions.models import Organisation


def pending_membership_requests() -> QuerySet[MembershipRequest]:
    """Requests waiting for a coordinator, oldest first."""
    return (
        MembershipRequest.objects.filter(status=MembershipRequest.Status.PENDING)
        .select_related("user", "organisation")
        .order_by("created_at")
    )


def decided_membership_requests(limit: int = 50) -> QuerySet[MembershipRequest]:
    """The latest decisions, newest first."""
    return (
        MembershipRequest.objects.exclude(status=MembershipRequest.Status.PENDING)
        .select_related("user", "organisation", "decided_by")
        .order_by("-decided_at")[:limit]
    )


def requests_of(user: User) -> QuerySet[MembershipRequest]:
    return MembershipRequest.objects.filter(user=user).select_related("organisation").order_by("-created_at")


def requestable_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("kind", "name_fi")


def active_memberships(user: User) -> list[Membership]:
    """The memberships through which the permission table grants the user anything."""
    return list(Membership.objects.filter(user=user, is_active=True).select_related("organisation"))
