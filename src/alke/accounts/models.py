"""Users and their memberships in organisations; a membership carries one role."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from alke.core.models import AuditedModel
from alke.core.permissions import Role
from alke.regions.models import Organisation


class User(AbstractUser):
    """Django's user with the preferences alke needs."""

    class Digest(models.TextChoices):
        IMMEDIATE = "immediate", _("heti")
        DAILY = "daily", _("päivittäinen kooste")
        NONE = "none", _("ei sähköposteja")

    preferred_language = models.CharField(
        _("asiointikieli"),
        max_length=2,
        choices=[("fi", "suomi"), ("sv", "svenska"), ("en", "English")],
        default="fi",
    )
    notification_mode = models.CharField(
        _("ilmoitukset"), max_length=10, choices=Digest.choices, default=Digest.IMMEDIATE
    )
    is_demo = models.BooleanField(_("demokäyttäjä"), default=False)

    class Meta:
        verbose_name = _("käyttäjä")
        verbose_name_plural = _("käyttäjät")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(AuditedModel):
    """The user acts in `role` for `organisation`. A user may hold several memberships."""

    class Source(models.TextChoices):
        LOCAL = "local", _("paikallinen")
        IDENTITY_PROVIDER = "idp", _("tunnistuspalvelu")
        APPROVED = "approved", _("koordinaattorin hyväksymä")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("rooli"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("voimassa"), default=True)
    source = models.CharField(_("lähde"), max_length=10, choices=Source.choices, default=Source.LOCAL)

    class Meta:
        verbose_name = _("jäsenyys")
        verbose_name_plural = _("jäsenyydet")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"

    def clean(self) -> None:
        kind = self.organisation.kind if self.organisation_id else None
        expected = {
            Role.COORDINATOR: Organisation.Kind.MINISTRY,
            Role.MINISTRY: Organisation.Kind.MINISTRY,
            Role.REGION: Organisation.Kind.REGIONAL_COUNCIL,
        }.get(self.role)
        if expected and kind != expected:
            raise ValidationError(
                {
                    "organisation": _("Rooli %(role)s edellyttää organisaatiota tyyppiä %(kind)s.")
                    % {"role": self.get_role_display(), "kind": Organisation.Kind(expected).label}
                }
            )
        if self.role == Role.COORDINATOR and not (
            self.organisation.ministry_id and self.organisation.ministry.is_coordinator
        ):
            raise ValidationError(
                {"organisation": _("Koordinaattorin rooli kuuluu koordinoivalle ministeriölle.")}
            )

    def permission_organisations(self):
        return [self.organisation_id]


class ExternalIdentity(AuditedModel):
    """A user's identity at an OpenID Connect provider: the issuer and subject that sign them in.

    Users are matched by (issuer, subject) only, never by e-mail, so an address reused at a provider
    cannot take over someone else's alke account.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    provider = models.CharField(_("tunnistuspalvelu"), max_length=32)
    issuer = models.CharField(_("myöntäjä"), max_length=255)
    subject = models.CharField(_("tunniste"), max_length=255)
    last_sign_in = models.DateTimeField(_("viimeksi kirjautunut"), null=True, blank=True)
    mapped_claims = models.JSONField(
        _("roolien perusteena olleet tiedot"),
        default=dict,
        blank=True,
        help_text=_("Vain ne tunnistuspalvelun tiedot, joista roolit päätellään."),
    )

    class Meta:
        verbose_name = _("tunnistuspalvelun tunniste")
        verbose_name_plural = _("tunnistuspalvelun tunnisteet")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="unique_external_identity")]

    def __str__(self) -> str:
        return f"{self.provider}: {self.user}"


class MembershipRequest(AuditedModel):
    """A signed-in user asks to act in a role for an organisation; a coordinator decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("odottaa")
        APPROVED = "approved", _("hyväksytty")
        REJECTED = "rejected", _("hylätty")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="membership_requests")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisaatio"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("rooli"), max_length=20, choices=Role.choices)
    reason = models.TextField(
        _("perustelu"), blank=True, help_text=_("Esimerkiksi tehtäväsi organisaatiossa ja esihenkilösi nimi.")
    )
    status = models.CharField(_("tila"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_at = models.DateTimeField(_("päätetty"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, verbose_name=_("päättäjä"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("päätöksen perustelu"), blank=True)

    class Meta:
        verbose_name = _("jäsenyyspyyntö")
        verbose_name_plural = _("jäsenyyspyynnöt")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(status="pending"),
                name="unique_pending_membership_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"

    def permission_organisations(self):
        return [self.organisation_id]
