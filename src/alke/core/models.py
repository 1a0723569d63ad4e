"""The base every domain model stands on: who created and changed it, when, and its full history."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AuditedModel(models.Model):
    """Created/modified by and at, plus a django-simple-history trail of every change."""

    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)
    modified_at = models.DateTimeField(_("muokattu"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("luoja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("muokkaaja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def stamp(self, user) -> None:
        """Record `user` as the author of the change about to be saved."""
        if user is not None and getattr(user, "is_authenticated", False):
            if self.pk is None and self.created_by_id is None:
                self.created_by = user
            self.modified_by = user
            self._history_user = user


class Comment(AuditedModel):
    """A party's comment on something being prepared (a proposal, an agenda, a document's draft).

    The concrete model adds what it comments on and, as its permission subject, what that concerns.
    """

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("kommentti"))
    is_demo = models.BooleanField(_("demosisältöä"), default=False)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"


def localized(obj, field: str, lang: str | None = None) -> str:
    """The value of `field_<lang>` for the active language, falling back to Finnish."""
    lang = (lang or translation.get_language() or "fi")[:2]
    value = getattr(obj, f"{field}_{lang}", "") or ""
    return value or getattr(obj, f"{field}_fi", "") or ""


class TrilingualNameMixin(models.Model):
    """Names in Finnish, Swedish and English; `name` follows the active language."""

    name_fi = models.CharField(_("nimi suomeksi"), max_length=255)
    name_sv = models.CharField(_("nimi ruotsiksi"), max_length=255, blank=True)
    name_en = models.CharField(_("nimi englanniksi"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class PublicQuerySet(models.QuerySet):
    """Models with a publication flag expose `public()` for anonymous readers."""

    def public(self):
        return self.filter(is_public=True)
