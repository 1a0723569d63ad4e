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

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.module_loading import import_string
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


class _SelectorCheck:
    """A capability's own check for its detail page, imported when first used (no import cycles)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.__qualname__ = f"selector({path!r})"

    def load(self) -> ReadCheck:
        return import_string(self.path)

    def __call__(self, user, obj) -> bool:
        return self.load()(user, obj)


def selector(path: str) -> _SelectorCheck:
    """The function (user, obj) -> bool at `path`, e.g. "alke.agenda.selectors.may_see_proposal"."""
    return _SelectorCheck(path)


_CONCLUSIONS = readable_with("conclusion.view")
_FUNDING = readable_with("funding.view")
_SCHEDULE = readable_with("schedule.view")

# model label -> who may read one object of it. Keep it grouped by app, in DOMAIN_APPS order.
READ_RULES: dict[str, ReadCheck] = {
    # reference data
    "regions.Region": readable_by_everyone,
    "regions.Municipality": readable_by_everyone,
    "regions.Ministry": readable_by_everyone,
    "regions.Organisation": readable_by_everyone,
    "policy.StatutoryObjective": readable_by_everyone,
    "policy.DevelopmentDecision": readable_by_everyone,
    "policy.DecisionPriority": readable_by_everyone,
    "policy.Theme": readable_by_everyone,
    "policy.SubTheme": readable_by_everyone,
    # accounts: a user's own records; the coordinator decides memberships
    "accounts.Membership": readable_by_its_user_or("membership.approve"),
    "accounts.MembershipRequest": readable_by_its_user_or("membership.approve"),
    "accounts.ExternalIdentity": readable_by_its_user_or("membership.approve"),
    # situational picture: the statistics are public, the analyses are not
    "situation.Dataset": readable_by_everyone,
    "situation.DatasetVersion": readable_by_everyone,
    "situation.Indicator": readable_by_everyone,
    "situation.Analysis": readable_with("analysis.view"),
    # rounds
    "rounds.Round": readable_with("round.view"),
    "rounds.RoundPhase": readable_through("round"),
    # proposals and agendas: a draft proposal only to its own region and the coordinator
    "agenda.Proposal": selector("alke.agenda.selectors.may_see_proposal"),
    "agenda.ProposalComment": readable_through("proposal"),
    "agenda.MinistryIssue": readable_with("proposal.view"),
    "agenda.SynergySuggestion": readable_with("proposal.view"),
    "agenda.AgendaCandidate": readable_with("round.view"),
    "agenda.Agenda": readable_with("round.view"),
    "agenda.AgendaItem": readable_through("agenda"),
    "agenda.AgendaComment": readable_through("agenda"),
    # scheduling: a party's availability marks only to that party and the coordinator
    "schedule.Timetable": _SCHEDULE,
    "schedule.TimeSlot": _SCHEDULE,
    "schedule.NonWorkingDay": _SCHEDULE,
    "schedule.Session": selector("alke.schedule.selectors.may_read_session_history"),
    "schedule.Availability": any_of(readable_with("availability.mark"), readable_with("schedule.manage")),
    # conclusions and cooperation documents (drafts included, as on the document page)
    "agreements.Conclusion": _CONCLUSIONS,
    "agreements.ConclusionIndicator": readable_through("conclusion"),
    "agreements.AgendaItemMinutes": _CONCLUSIONS,
    "agreements.CooperationDocument": _CONCLUSIONS,
    "agreements.DocumentVersion": _CONCLUSIONS,
    "agreements.DocumentApproval": _CONCLUSIONS,
    "agreements.DocumentComment": _CONCLUSIONS,
    # funding: a region sees its own allocation, entities and ledger; the appropriation is shared
    "funding.Appropriation": readable_with("funding.view", scoped=False),
    "funding.RegionAllocation": _FUNDING,
    "funding.FundedEntity": _FUNDING,
    "funding.LedgerEntry": _FUNDING,
    # follow-up and learning
    "followup.ConclusionFollowUp": any_of(_CONCLUSIONS, readable_with("followup.update")),
    "followup.FollowUpUpdate": readable_through("followup"),
    "followup.FeedbackSurvey": any_of(readable_with("survey.answer"), readable_with("report.view")),
    "followup.SurveyQuestion": readable_through("survey"),
    "followup.ImprovementItem": readable_with("report.view"),
    # partnership register: public records to everyone, the rest to the coordinator
    "partnerships.FocusAreaGroup": readable_by_everyone,
    "partnerships.FocusArea": readable_by_everyone,
    "partnerships.Framework": readable_by_everyone,
    "partnerships.PartnershipRecord": selector("alke.partnerships.selectors.may_see_record"),
    "partnerships.RecordDetail": readable_through("record"),
    # API keys: their owner and the coordinator
    "api.ApiToken": readable_by_its_user_or("membership.approve"),
}


def register_read_check(label: str, check: ReadCheck) -> None:
    """Set who may read objects of the model `label` ("app_label.ModelName", or an abstract base's)."""
    READ_RULES[label] = check


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


PRIVATE_HISTORY: dict[str, PrivateHistory] = {
    # the draft's edits only to its own region and the coordinator, even after it has been submitted
    "agenda.Proposal": PrivateHistory(
        "status", {"draft"}, selector("alke.agenda.selectors.may_see_proposal")
    ),
}


def register_private_history(label: str, rule: PrivateHistory) -> None:
    """Hide the private past states of the model `label` ("app_label.ModelName") from the history page."""
    PRIVATE_HISTORY[label] = rule


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
