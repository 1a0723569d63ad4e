"""Writes for accounts: users signing in through a provider, their memberships, membership requests."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alke.accounts.claims import claim_values, granted_memberships
from alke.accounts.models import ExternalIdentity, Membership, MembershipRequest, User
from alke.core.domain import DomainError
from alke.core.permissions import Role, require
from alke.regions.models import Organisation

log = logging.getLogger(__name__)


@dataclass
class MembershipSync:
    """What one sign-in changed in the user's provider-given memberships."""

    added: list[Membership] = field(default_factory=list)
    removed: list[Membership] = field(default_factory=list)
    kept: list[Membership] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _username(provider_key: str, claims: dict, subject: str) -> str:
    """A readable, unique user name: the provider's preferred name or e-mail, else the subject."""
    base = str(claims.get("preferred_username") or claims.get("email") or subject)
    base = re.sub(r"[^\w.@+-]", "-", base)[:100] or hashlib.sha256(subject.encode()).hexdigest()[:20]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{provider_key}-{n}"[:150]
    return candidate


def _mapping_claims(rules, claims: dict) -> dict:
    """Only the claims the role rules read, kept to show why the user holds a role (data minimisation)."""
    return {rule.claim: claim_values(claims, rule.claim) for rule in rules}


@transaction.atomic
def sync_identity_memberships(user: User, granted: set[tuple[str, str]], reason: str) -> MembershipSync:
    """Make the user's provider-given memberships equal `granted` (organisation slug, role) pairs.

    Only memberships whose source is the identity provider are added or ended here; local ones and
    those a coordinator approved stay as they are. An ended membership is deactivated, not deleted,
    so its history stays.
    """
    result = MembershipSync()
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in={slug for slug, _ in granted})}
    wanted: dict[tuple[int, str], Organisation] = {}
    for slug, role in sorted(granted):
        organisation = organisations.get(slug)
        if organisation is None:
            result.skipped.append(f"{slug}:{role}: no such organisation")
            continue
        try:
            Membership(user=user, organisation=organisation, role=role).clean()
        except ValidationError as error:
            result.skipped.append(f"{slug}:{role}: {'; '.join(error.messages)}")
            continue
        wanted[(organisation.pk, role)] = organisation
    existing = {
        (m.organisation_id, m.role): m
        for m in Membership.objects.select_for_update().filter(user=user).select_related("organisation")
    }
    for key, organisation in wanted.items():
        membership = existing.get(key)
        if membership is None:
            membership = Membership(
                user=user,
                organisation=organisation,
                role=key[1],
                source=Membership.Source.IDENTITY_PROVIDER,
            )
        elif membership.source != Membership.Source.IDENTITY_PROVIDER or membership.is_active:
            result.kept.append(membership)
            continue
        membership.is_active = True
        membership.stamp(user)
        membership._change_reason = reason
        membership.save()
        result.added.append(membership)
    for key, membership in existing.items():
        if (
            key not in wanted
            and membership.source == Membership.Source.IDENTITY_PROVIDER
            and membership.is_active
        ):
            membership.is_active = False
            membership.stamp(user)
            membership._change_reason = reason
            membership.save(update_fields=["is_active", "modified_at", "modified_by"])
            result.removed.append(membership)
    if result.skipped:
        log.warning("role rules granted memberships that cannot be made for %s: %s", user, result.skipped)
    user.__dict__.pop("_alke_memberships", None)
    return result


@transaction.atomic
def sign_in_from_claims(provider, claims: dict) -> tuple[User, MembershipSync]:
    """The alke user for verified provider claims, created on first sign-in, with memberships synced.

    `provider` is an `alke.accounts.oidc.Provider`; the claims come from a verified ID token.
    Raises ValidationError when the account is disabled.
    """
    subject = str(claims["sub"])
    config = provider.config
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=provider.issuer, subject=subject)
        .first()
    )
    first = str(claims.get(config["first_name_claim"]) or "")[:150]
    last = str(claims.get(config["last_name_claim"]) or "")[:150]
    email = str(claims.get(config["email_claim"]) or "")[:254]
    if identity is None:
        user = User(
            username=_username(provider.key, claims, subject), first_name=first, last_name=last, email=email
        )
        user.set_unusable_password()
        user.save()
        identity = ExternalIdentity(user=user, provider=provider.key, issuer=provider.issuer, subject=subject)
    else:
        user = identity.user
        if not user.is_active:
            raise DomainError(_("Käyttäjätunnuksesi on poistettu käytöstä. Ota yhteyttä alken ylläpitoon."))
        # The directory is the source of truth for names and address: take its latest values.
        fresh = {"first_name": first, "last_name": last, "email": email}
        changed = [name for name, value in fresh.items() if value and getattr(user, name) != value]
        for name in changed:
            setattr(user, name, fresh[name])
        if changed:
            user.save(update_fields=changed)
    identity.last_sign_in = timezone.now()
    identity.mapped_claims = _mapping_claims(provider.rules, claims)
    identity.stamp(user)
    identity.save()
    sync = sync_identity_memberships(
        user, granted_memberships(provider.rules, claims), reason=f"sign-in via {provider.key}"
    )
    return user, sync


@transaction.atomic
def request_membership(
    user: User, organisation: Organisation, role: str, reason: str = ""
) -> MembershipRequest:
    """Record a user's request to act in `role` for `organisation`; a coordinator decides it."""
    if not getattr(user, "is_authenticated", False):
        raise DomainError(_("Kirjaudu sisään ennen jäsenyyden pyytämistä."))
    Membership(user=user, organisation=organisation, role=role).clean()
    if Membership.objects.filter(user=user, organisation=organisation, role=role, is_active=True).exists():
        raise DomainError(_("Sinulla on jo tämä rooli tässä organisaatiossa."), code="already_exists")
    if MembershipRequest.objects.filter(
        user=user, organisation=organisation, role=role, status=MembershipRequest.Status.PENDING
    ).exists():
        raise DomainError(
            _("Olet jo pyytänyt tätä roolia; pyyntö odottaa koordinaattorin päätöstä."), code="already_exists"
        )
    membership_request = MembershipRequest(
        user=user, organisation=organisation, role=role, reason=reason.strip()
    )
    membership_request.stamp(user)
    membership_request.save()
    transaction.on_commit(lambda: _tell_coordinators(membership_request))
    return membership_request


def _mail(user: User, subject: str, body: str) -> None:
    """Send one e-mail; a mail server being down must not undo the decision, so it is only logged."""
    try:
        send_mail(f"[alke] {subject}", body, None, [user.email])
    except OSError as error:
        log.warning("cannot e-mail %s: %s", user.email, error)


def _tell_coordinators(membership_request: MembershipRequest) -> None:
    coordinators = (
        User.objects.filter(is_active=True, memberships__role=Role.COORDINATOR, memberships__is_active=True)
        .exclude(email="")
        .distinct()
    )
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:membership_requests")
    for coordinator in coordinators:
        with translation.override(coordinator.preferred_language):
            _mail(
                coordinator,
                _("Uusi jäsenyyspyyntö: %(request)s") % {"request": membership_request},
                _(
                    "%(user)s pyytää roolia %(role)s organisaatiossa %(organisation)s.\n\n%(reason)s\n\n"
                    "Päätä pyynnöstä: %(link)s"
                )
                % {
                    "user": membership_request.user,
                    "role": membership_request.get_role_display(),
                    "organisation": membership_request.organisation,
                    "reason": membership_request.reason,
                    "link": link,
                },
            )


def _tell_requester(membership_request: MembershipRequest) -> None:
    user = membership_request.user
    if not user.email:
        return
    with translation.override(user.preferred_language):
        if membership_request.status == MembershipRequest.Status.APPROVED:
            subject = _("Jäsenyytesi on hyväksytty: %(request)s") % {"request": membership_request}
        else:
            subject = _("Jäsenyyspyyntösi hylättiin: %(request)s") % {"request": membership_request}
        _mail(user, subject, membership_request.decision_note or subject)


@transaction.atomic
def decide_membership_request(
    actor: User, membership_request: MembershipRequest, approve: bool, note: str = ""
) -> MembershipRequest:
    """A coordinator approves (the membership starts) or rejects a pending request."""
    require(actor, "membership.approve", membership_request)
    membership_request = MembershipRequest.objects.select_for_update().get(pk=membership_request.pk)
    if membership_request.status != MembershipRequest.Status.PENDING:
        raise DomainError(
            _("Pyyntö on jo käsitelty (%(status)s).") % {"status": membership_request.get_status_display()},
            code="already_decided",
        )
    if membership_request.user_id == actor.pk:
        raise DomainError(_("Omaa jäsenyyspyyntöä ei voi käsitellä itse."))
    if approve:
        membership, _created = Membership.objects.select_for_update().get_or_create(
            user=membership_request.user,
            organisation=membership_request.organisation,
            role=membership_request.role,
            defaults={"source": Membership.Source.APPROVED},
        )
        membership.full_clean(exclude=["created_by", "modified_by"])
        if not membership.is_active or membership.source == Membership.Source.IDENTITY_PROVIDER:
            # An approved membership is no longer the provider's to end at the next sign-in.
            membership.is_active = True
            membership.source = Membership.Source.APPROVED
        membership.stamp(actor)
        membership.save()
    membership_request.status = (
        MembershipRequest.Status.APPROVED if approve else MembershipRequest.Status.REJECTED
    )
    membership_request.decided_at = timezone.now()
    membership_request.decided_by = actor
    membership_request.decision_note = note.strip()
    membership_request.stamp(actor)
    membership_request.save()
    transaction.on_commit(lambda: _tell_requester(membership_request))
    return membership_request
