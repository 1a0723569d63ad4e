"""Who may do what, when and to which objects: one vocabulary of actions, enforced on the server.

Each app declares its actions in its manifest (`alke/<app>/manifest.py`); `alke permissions` prints the
assembled role × action × phase table. One `Action` says

- who: roles mapped to a *scope*. A user holds roles through memberships of organisations
  (accounts.Membership); a rule applies when one of the user's memberships has the role and its
  organisation is within the scope for the subject: ANY (every subject), OWN_REGION (the subject
  concerns the membership organisation's region), OWN_MINISTRY (its ministry) or OWN_ORGANISATION
  (the organisation itself); PUBLIC and SIGNED_IN stand for anyone and any signed-in user;
- when: the round phases in which the action is open (`phases`; None when the round's phase does not
  matter), enforced by `alke.rounds.gate.require_phase`;
- to which objects: `objects`, the lookups from a row of the action's model to the regions, ministries
  and organisations it concerns, from which `scope(user, action, queryset)` keeps the rows the user may
  act on, so lists and counts follow the same rule as `can`.

A subject tells what it concerns through `permission_regions()`, `permission_ministries()` and
`permission_organisations()` (iterables of ids), or plainly through `region_id`, `ministry_id` and
`organisation_id` attributes. With no subject, `can()` answers "may the user do this to some
subject" (for showing buttons); every write passes its subject.

Superusers (the break-glass administrator) may do everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from alke.core.manifest import Hook, Manifest, contributions, on_register


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
SCOPES = (ANY, OWN_REGION, OWN_MINISTRY, OWN_ORGANISATION)

C, M, R, A, K = Role.COORDINATOR, Role.MINISTRY, Role.REGION, Role.AUNE, Role.CONTACT


@dataclass(frozen=True)
class Objects:
    """Lookups from a row of an action's model to what it concerns, e.g. region=("region", "other_regions")."""

    model: str
    """The model label ("app_label.ModelName") the lookups start from."""
    region: tuple[str, ...] = ()
    ministry: tuple[str, ...] = ()
    organisation: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    """One action: who (roles with scope), when (round phases) and to which objects."""

    name: str
    roles: Mapping[str, str]
    phases: frozenset[str] | None = None
    objects: Objects | None = None

    def __post_init__(self) -> None:
        known = set(Role.values) | {PUBLIC, SIGNED_IN}
        if not set(self.roles) <= known or not set(self.roles.values()) <= set(SCOPES):
            raise ValueError(f"action {self.name!r}: unknown role or scope in {dict(self.roles)!r}")
        if self.phases is not None:
            object.__setattr__(self, "phases", frozenset(self.phases))


_actions: dict[str, Action] = {}
_app_of: dict[str, str] = {}


def declaration(name: str) -> Action:
    """The declaration of `name`; an unknown name is a programming error."""
    try:
        return _actions[name]
    except KeyError:
        raise KeyError(f"unknown permission action {name!r}; declare it in its app's manifest") from None


def declarations() -> list[Action]:
    """Every declared action, by app in install order, each app's in its own order."""
    return list(_actions.values())


def app_of(name: str) -> str:
    """The app that declares the action."""
    return _app_of[name]


class _Rules(Mapping):
    """action -> {role: scope}: the "who" of every action (read-only view of the declarations)."""

    def __getitem__(self, name: str) -> Mapping[str, str]:
        return _actions[name].roles

    def __iter__(self) -> Iterator[str]:
        return iter(_actions)

    def __len__(self) -> int:
        return len(_actions)


RULES: Mapping[str, Mapping[str, str]] = _Rules()


@dataclass(order=True)
class PhaseLabel:
    """A phase of the round as the rounds app names it, so the table can show when actions are open."""

    order: int
    code: str = field(compare=False)
    label: Any = field(compare=False)


PHASES = Hook("core.phases", "the round's phases in order (PhaseLabel), to show when an action is open")


# The actions of the foundation itself; every other action is declared by its app.
CORE_ACTIONS = [
    Action("history.view", {C: ANY, M: ANY, R: ANY, A: ANY}),
]


_PLURAL = {"region": "regions", "ministry": "ministries", "organisation": "organisations"}


def _ids(subject: Any, kind: str) -> set[int]:
    if subject is None:
        return set()
    method = getattr(subject, f"permission_{_PLURAL[kind]}", None)
    if callable(method):
        return {i for i in method() if i is not None}
    value = getattr(subject, f"{kind}_id", None)
    return {value} if value is not None else set()


MEMBERSHIPS = Hook(
    "core.memberships",
    "loads a user's active memberships, each with .role and .organisation (the accounts app gives it)",
)


def memberships(user) -> list:
    """The user's active memberships, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_alke_memberships", None)
    if cached is None:
        cached = [m for load in contributions(MEMBERSHIPS) for m in load(user)]
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
    """True when `user` may perform `action` on `subject` according to its declaration."""
    rule = declaration(action).roles
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


_SCOPE_KIND = {OWN_REGION: "region", OWN_MINISTRY: "ministry", OWN_ORGANISATION: "organisation"}


def scope_q(user, name: str) -> Q | None:
    """The condition on the action's model for the rows `user` may `name`; None means every row."""
    declared = declaration(name)
    rule = declared.roles
    if PUBLIC in rule:
        return None
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if getattr(user, "is_superuser", False) or SIGNED_IN in rule:
        return None
    condition = Q(pk__in=[])
    for membership in memberships(user):
        scope = rule.get(membership.role)
        if scope is None:
            continue
        if scope == ANY:
            return None
        if declared.objects is None:
            raise ValueError(f"action {name!r} is scoped by role but declares no objects")
        kind = _SCOPE_KIND[scope]
        org = membership.organisation
        value = org.pk if kind == "organisation" else getattr(org, f"{kind}_id")
        if value is None:
            continue
        for path in getattr(declared.objects, kind):
            condition |= Q(**{path: value})
    return condition


def scope(user, name: str, queryset: QuerySet) -> QuerySet:
    """The rows of `queryset` (of the action's model) that `user` may `name`, by the same rule as `can`."""
    declared = declaration(name)
    if declared.objects is not None and queryset.model._meta.label != declared.objects.model:
        raise ValueError(
            f"action {name!r} scopes {declared.objects.model}, not {queryset.model._meta.label}"
        )
    condition = scope_q(user, name)
    if condition is None:
        return queryset
    # A subquery rather than filter(...).distinct(): the lookups may cross many-to-many relations, and
    # the caller may still order, annotate or aggregate the result.
    return queryset.filter(pk__in=queryset.model._default_manager.filter(condition).values("pk"))


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


# ---------------------------------------------------------------------------------------------------
# Reading one object
#
# RULES answers "may the user do this"; READ_RULES answers "may the user read this very object" (a draft
# proposal, another region's funding, someone's membership request). The history page
# (/history/<app>/<model>/<pk>/, which shows every old value) asks `may_read(user, obj)`; the checks reuse
# what each capability's own detail page decides, so the two cannot drift apart.
# A check is looked up by the model's label ("app_label.ModelName") and then by its bases' labels, so an
# abstract base covers its subclasses. A model without a check is readable only by coordinators and the
# administrator: a new model stays closed until someone decides who may read it.

ReadCheck = Callable[[Any, Any], bool]


def readable_by_everyone(user, obj) -> bool:
    """Public reference data: regions, ministries, policy, statistics, the partnership framework."""
    return True


def readable_with(action: str, *, scoped: bool = True) -> ReadCheck:
    """Readable by whoever may do `action` to the object (scoped) or to some object of its kind."""

    def check(user, obj) -> bool:
        return can(user, action, obj if scoped else None)

    check.__qualname__ = f"readable_with({action!r}, scoped={scoped})"
    return check


def readable_through(attribute: str) -> ReadCheck:
    """Readable when the object it belongs to (`obj.<attribute>`, e.g. a comment's proposal) is."""

    def check(user, obj) -> bool:
        owner = getattr(obj, attribute, None)
        return owner is not None and may_read(user, owner)

    check.__qualname__ = f"readable_through({attribute!r})"
    return check


def readable_by_its_user_or(action: str) -> ReadCheck:
    """A user's own account record (`obj.user`): readable by that user and by whoever may do `action`."""

    def check(user, obj) -> bool:
        mine = getattr(user, "is_authenticated", False) and obj.user_id == user.pk
        return bool(mine) or can(user, action, obj)

    check.__qualname__ = f"readable_by_its_user_or({action!r})"
    return check


def any_of(*checks: ReadCheck) -> ReadCheck:
    def check(user, obj) -> bool:
        return any(one(user, obj) for one in checks)

    check.__qualname__ = f"any_of({', '.join(one.__qualname__ for one in checks)})"
    return check


# model label -> who may read one object of it; gathered from the manifests (see `Manifest.read_rules`).
READ_RULES: dict[str, ReadCheck] = {}


def read_check_for(model: type) -> ReadCheck | None:
    """The check for `model`: its own, else the nearest base's; None means coordinators only."""
    for klass in model.__mro__:
        meta = klass.__dict__.get("_meta")
        if meta is not None and meta.label in READ_RULES:
            return READ_RULES[meta.label]
    return None


def is_coordinator(user) -> bool:
    return getattr(user, "is_superuser", False) or Role.COORDINATOR in roles_of(user)


def may_read(user, obj) -> bool:
    """True when `user` may read `obj` itself (and so its history); see READ_RULES."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_authenticated", False):
        return True
    check = read_check_for(type(obj))
    if check is None:
        return is_coordinator(user)
    return bool(check(user, obj))


# ---------------------------------------------------------------------------------------------------
# Private past states
#
# Some objects are readable by fewer people in one state than in another: a draft proposal only by its own
# region and the coordinator, the same proposal once submitted by every reader. Reading the object now does
# not entitle the user to its past, so the history page leaves out the versions the user could not have
# read then. PRIVATE_HISTORY names, per model label, the state field, its private values and who may read a
# version in such a state (a check taking the user and the past version as a model instance).


class PrivateHistory:
    """Versions whose `field` had one of `values` are shown only to users for whom `check` is true."""

    def __init__(self, field: str, values: Iterable[str], check: ReadCheck) -> None:
        self.field = field
        self.values = frozenset(values)
        self.check = check

    def hides(self, user, record) -> bool:
        """True when `record` (a django-simple-history record) is in a private state `user` may not read."""
        if getattr(record, self.field) not in self.values:
            return False
        return not self.check(user, record.instance)


# model label -> its private past states; gathered from the manifests (`Manifest.private_history`).
PRIVATE_HISTORY: dict[str, PrivateHistory] = {}


def private_history_for(model: type) -> PrivateHistory | None:
    for klass in model.__mro__:
        meta = klass.__dict__.get("_meta")
        if meta is not None and meta.label in PRIVATE_HISTORY:
            return PRIVATE_HISTORY[meta.label]
    return None


def may_read_version(user, record) -> bool:
    """True when `user` may read this past version (a history record) of an object they may read."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_authenticated", False):
        return True
    rule = private_history_for(record.instance_type)
    return rule is None or not rule.hides(user, record)


# ---------------------------------------------------------------------------------------------------
# Gathering the declarations


def _gather(manifest: Manifest) -> None:
    for declared in manifest.actions:
        if declared.name in _actions:
            raise ValueError(
                f"action {declared.name!r} is declared by both {_app_of[declared.name]} and {manifest.app}"
            )
        _actions[declared.name] = declared
        _app_of[declared.name] = manifest.app
    READ_RULES.update(manifest.read_rules)
    PRIVATE_HISTORY.update(manifest.private_history)


on_register(_gather)
