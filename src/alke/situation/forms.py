"""Forms of the situational picture."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alke.core.permissions import Role, memberships
from alke.core.uploads import MB, UploadField
from alke.regions.models import Organisation
from alke.rounds.models import Round
from alke.situation.models import Analysis

# A statistical table upload: the limit the help text promises, and the formats the importer reads.
MAX_UPLOAD_BYTES = 10 * MB
UPLOAD_EXTENSIONS = ("json", "px")


class AnalysisForm(forms.Form):
    """One section of a region's analysis in a round, written in the name of one's own organisation."""

    round = forms.ModelChoiceField(label=_("Kierros"), queryset=Round.objects.all(), empty_label=None)
    organisation = forms.ModelChoiceField(
        label=_("Kirjoittajaorganisaatio"), queryset=Organisation.objects.none(), empty_label=None
    )
    section = forms.ChoiceField(label=_("Osio"), choices=Analysis.Section.choices)
    text = forms.CharField(
        label=_("Teksti"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("Kirjoita lyhyesti ja perustele luvuilla; teksti näkyy tilannekuvassa."),
    )

    def __init__(self, *args, user, region, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_superuser:
            orgs = Organisation.objects.all()
        else:
            ids = [
                m.organisation_id
                for m in memberships(user)
                if m.role in (Role.COORDINATOR, Role.MINISTRY)
                or (m.role == Role.REGION and m.organisation.region_id == region.pk)
            ]
            orgs = Organisation.objects.filter(pk__in=ids)
        self.fields["organisation"].queryset = orgs


class ImportForm(forms.Form):
    """Upload of a statistical table (the same importer as `alke import-stats`)."""

    file = UploadField(
        label=_("Tiedosto"),
        help_text=_("JSON-stat 2.0, PxWeb API v1 -json tai PX (enintään 10 Mt)."),
        max_bytes=MAX_UPLOAD_BYTES,
        extensions=UPLOAD_EXTENSIONS,
    )
    format = forms.ChoiceField(
        label=_("Muoto"),
        choices=[
            ("auto", _("tunnista sisällöstä")),
            ("jsonstat2", "JSON-stat 2.0"),
            ("pxweb-json", _("PxWeb API v1 json")),
            ("px", "PX"),
        ],
    )
    dataset = forms.SlugField(
        label=_("Aineiston tunniste"),
        required=False,
        help_text=_("Tyhjä: taulukon tunnuksesta tai tiedoston nimestä, esim. statfin_vaerak_pxt_11ra."),
    )
    dry_run = forms.BooleanField(label=_("Tarkista vain, älä tallenna"), required=False)
