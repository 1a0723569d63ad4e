"""Who may do what: one readable role × action table, enforced on the server.

Each action maps roles to a *scope*. A user holds roles through memberships of organisations
(accounts.Membership); a rule applies when one of the user's memberships has the role and its
organisation is within the scope for the subject:

- ANY: every subject;
- OWN_REGION: the subject concerns the membership organisation's region;
- OWN_MINISTRY: the subject concerns the membership organisation's ministry;
- OWN_ORGANISATION: the subject concerns the membership organisation itself.

A subject tells what it concerns through `permission_regions()`, `permission_ministries()` and
`permission_organisations()` (iterables of ids), or plainly through `region_id`, `ministry_id` and
`organisation_id` attributes. With no subject, `can()` answers "may the user do this to some
subject" (for showing buttons); every write passes its subject.

Superusers (the break-glass administrator) may do everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("koordinaattori (TEM)")
    MINISTRY = "ministry", _("ministeriön virkailija")
    REGION = "region", _("maakunnan liiton virkailija")
    AUNE = "aune", _("AUNE:n jäsen")
    CONTACT = "contact", _("verkoston tai kaupungin yhteyshenkilö")


PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed_in"  # any signed-in user, with or without a membership

ANY = "any"
OWN_REGION = "own_region"
OWN_MINISTRY = "own_ministry"
OWN_ORGANISATION = "own_organisation"

C, M, R, A, K = Role.COORDINATOR, Role.MINISTRY, Role.REGION, Role.AUNE, Role.CONTACT

# action -> {role: scope}. Keep it sorted by capability; the role-matrix test reads this table.
RULES: dict[str, dict[str, str]] = {
    # foundation
    "reference.manage": {C: ANY},
    "membership.approve": {C: ANY},
    "history.view": {C: ANY, M: ANY, R: ANY, A: ANY},
    "api.token": {SIGNED_IN: ANY},
    # situational picture
    "stats.import": {C: ANY},
    "indicator.manage": {C: ANY},
    "analysis.write": {C: ANY, M: ANY, R: OWN_REGION},
    "analysis.view": {C: ANY, M: ANY, R: ANY, A: ANY},
    # round, proposals, agenda
    "round.manage": {C: ANY},
    "round.view": {C: ANY, M: ANY, R: ANY, A: ANY},
    "proposal.view": {C: ANY, M: ANY, R: ANY, A: ANY},
    "proposal.create": {C: ANY, R: OWN_REGION},
    "proposal.edit": {C: ANY, R: OWN_REGION},
    "proposal.decide": {C: ANY},
    "proposal.comment": {C: ANY, M: ANY, R: OWN_REGION},
    "issue.raise": {C: ANY, M: OWN_MINISTRY},
    "issue.edit": {C: ANY, M: OWN_MINISTRY},
    "synergy.decide": {C: ANY},
    "agenda.edit": {C: ANY, R: OWN_REGION},
    "agenda.add_item": {C: ANY, M: ANY, R: OWN_REGION},
    "agenda.comment": {C: ANY, M: ANY, R: OWN_REGION},
    # scheduling
    "schedule.manage": {C: ANY},
    "schedule.view": {C: ANY, M: ANY, R: ANY, A: ANY},
    "availability.mark": {C: ANY, M: OWN_MINISTRY, R: OWN_REGION},
    # conclusions, cooperation documents, funding
    "conclusion.record": {C: ANY},
    "conclusion.view": {C: ANY, M: ANY, R: ANY, A: ANY},
    "worklist.view": {C: ANY, M: OWN_MINISTRY},
    "document.edit": {C: ANY, R: OWN_REGION},
    "document.comment": {C: ANY, M: ANY, R: OWN_REGION},
    "document.approve_state": {C: ANY},
    "document.approve_region": {R: OWN_REGION},
    "document.reopen": {C: ANY},
    "document.publish": {C: ANY},
    "funding.manage": {C: ANY},
    "funding.view": {C: ANY, M: ANY, R: OWN_REGION, A: ANY},
    "ledger.record": {C: ANY},
    # follow-up and learning
    "followup.update": {C: ANY, M: OWN_MINISTRY, R: OWN_REGION, K: OWN_ORGANISATION},
    "report.view": {C: ANY, M: ANY, R: ANY, A: ANY},
    "survey.answer": {C: ANY, M: ANY, R: ANY, A: ANY, K: ANY},
    "survey.manage": {C: ANY},
    "improvement.manage": {C: ANY},
    # partnership register
    "partnership.manage": {C: ANY},
    "partnership.edit_own": {C: ANY, K: OWN_ORGANISATION},
}


_PLURAL = {"region": "regions", "ministry": "ministries", "organisation": "organisations"}


def _ids(subject: Any, kind: str) -> set[int]:
    if subject is None:
        return set()
    method = getattr(subject, f"permission_{_PLURAL[kind]}", None)
    if callable(method):
        return {i for i in method() if i is not None}
    value = getattr(subject, f"{kind}_id", None)
    return {value} if value is not None else set()


def memberships(user) -> list:
    """The user's active memberships, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_alke_memberships", None)
    if cached is None:
        from alke.accounts.models import Membership

        cached = list(Membership.objects.filter(user=user, is_active=True).select_related("organisation"))
        user._alke_memberships = cached
    return cached


def _in_scope(scope: str, membership, subject: Any) -> bool:
    if scope == ANY or subject is None:
        return True
    org = membership.organisation
    if scope == OWN_REGION:
        return org.region_id is not None and org.region_id in _ids(subject, "region")
    if scope == OWN_MINISTRY:
        return org.ministry_id is not None and org.ministry_id in _ids(subject, "ministry")
    if scope == OWN_ORGANISATION:
        return org.pk in _ids(subject, "organisation")
    raise ValueError(f"unknown scope {scope!r}")


def can(user, action: str, subject: Any = None) -> bool:
    """True when `user` may perform `action` on `subject` according to RULES."""
    try:
        rule = RULES[action]
    except KeyError:
        raise KeyError(
            f"unknown permission action {action!r}; add it to alke.core.permissions.RULES"
        ) from None
    if PUBLIC in rule:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False) or SIGNED_IN in rule:
        return True
    return any(
        membership.role in rule and _in_scope(rule[membership.role], membership, subject)
        for membership in memberships(user)
    )


def require(user, action: str, subject: Any = None) -> None:
    """Raise PermissionDenied unless `can(user, action, subject)`."""
    if not can(user, action, subject):
        raise PermissionDenied(f"{action}")


def roles_of(user) -> set[str]:
    return {m.role for m in memberships(user)}


def region_ids_of(user, roles: Iterable[str] = (Role.REGION,)) -> set[int]:
    """Regions the user acts for through a membership with one of `roles`."""
    return {
        m.organisation.region_id for m in memberships(user) if m.role in roles and m.organisation.region_id
    }


def ministry_ids_of(user) -> set[int]:
    return {
        m.organisation.ministry_id
        for m in memberships(user)
        if m.role == Role.MINISTRY and m.organisation.ministry_id
    }


def organisation_ids_of(user) -> set[int]:
    return {m.organisation_id for m in memberships(user)}
