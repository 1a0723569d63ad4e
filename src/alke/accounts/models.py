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
