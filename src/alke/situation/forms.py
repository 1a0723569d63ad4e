"""Forms of the situational picture."""

from __future__ import annotations

import json

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
    """A statistical table from a file or an address (the same importer as `alke import-stats`).

    Submitting it makes a preview; nothing is stored until the preview is confirmed.
    """

    file = UploadField(
        label=_("Tiedosto"),
        required=False,
        help_text=_("JSON-stat 2.0, PxWeb API v1 -json tai PX (enintään 10 Mt)."),
        max_bytes=MAX_UPLOAD_BYTES,
        extensions=UPLOAD_EXTENSIONS,
    )
    url = forms.URLField(
        label=_("tai osoite"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "PxWeb-taulukon osoite (StatFin API v1 tai v2) tai muu JSON-stat-osoite, esim. "
            "https://pxdata.stat.fi/PXWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11ra.px"
        ),
    )
    query = forms.CharField(
        label=_("PxWeb-kysely (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=100_000,
        help_text=_(
            "Vain osoitteen kanssa; tyhjä hakee koko taulukon. Kysely tallentuu, ja alke refresh-stats käyttää sitä."
        ),
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

    def clean_query(self):
        text = (self.cleaned_data.get("query") or "").strip()
        if not text:
            return None
        try:
            body = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Kysely ei ole kelvollista JSONia (rivi %(line)s, sarake %(col)s): %(msg)s.")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ) from None
        if not isinstance(body, dict):
            raise forms.ValidationError(_('Kyselyn pitää olla JSON-objekti, esim. {"query": [...]}.'))
        return body

    def clean(self):
        data = super().clean()
        has_file, has_url = bool(data.get("file")), bool(data.get("url"))
        if has_file == has_url and not self.errors:
            raise forms.ValidationError(_("Anna joko tiedosto tai osoite (ei molempia)."))
        if data.get("query") is not None and not has_url:
            self.add_error("query", _("Kysely lähetetään osoitteeseen; anna myös osoite."))
        return data
