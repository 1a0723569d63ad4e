"""What the accounts app offers the rest: whose memberships grant what, read rules, navigation, demo users."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alke.accounts.demo import demo_logins_table, load_demo_users
from alke.accounts.membership_demo import load_demo_membership_requests
from alke.accounts.selectors import active_memberships
from alke.core.manifest import Manifest
from alke.core.permissions import ANY, MEMBERSHIPS, Action, C, readable_by_its_user_or
from alke.core.registry import DEMO, NAV, DemoLoader, NavEntry

manifest = Manifest(
    "accounts",
    actions=[Action("membership.approve", {C: ANY})],
    read_rules={
        # a user's own records; the coordinator decides memberships
        "accounts.Membership": readable_by_its_user_or("membership.approve"),
        "accounts.MembershipRequest": readable_by_its_user_or("membership.approve"),
        "accounts.ExternalIdentity": readable_by_its_user_or("membership.approve"),
    },
    contributes={
        MEMBERSHIPS: [active_memberships],
        NAV: [
            NavEntry(95, "accounts:membership_requests", _("Jäsenyyspyynnöt"), action="membership.approve")
        ],
        DEMO: [
            DemoLoader(10, "users", load_demo_users, summary=demo_logins_table),
            DemoLoader(11, "membership requests", load_demo_membership_requests),
        ],
    },
)
