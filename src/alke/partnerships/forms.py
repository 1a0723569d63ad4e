"""Forms of the register's pages. They only read input; services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alke.partnerships.models import EcosystemAgreement, FocusAreaGroup, Funding
from alke.regions.models import Organisation, Region


class FilterForm(forms.Form):
    """Search and filters of a list page (GET)."""

    q = forms.CharField(label=_("Hae"), required=False, max_length=200)
    region = forms.ChoiceField(label=_("Maakunta"), required=False)
    status = forms.ChoiceField(label=_("Tila"), required=False)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Kaikki maakunnat"))] + [
            (r.code, r.name) for r in Region.objects.mainland().order_by("name_fi")
        ]
        if kind == "agreement":
            self.fields["status"].choices = [("", _("Kaikki"))] + list(EcosystemAgreement.Status.choices)
            self.fields["generation"] = forms.ChoiceField(
                label=_("Sopimussukupolvi"),
                required=False,
                choices=[("", _("Kaikki"))] + list(EcosystemAgreement.Generation.choices),
            )
            self.fields["group"] = forms.ChoiceField(
                label=_("Painopistealueiden ryhmä"),
                required=False,
                choices=[("", _("Kaikki"))] + [(g.code, g.name) for g in FocusAreaGroup.objects.all()],
            )
        else:
            self.fields["status"].choices = [
                ("", _("Kaikki")),
                ("active", _("käynnissä")),
                ("ended", _("päättynyt")),
            ]
            self.fields["national"] = forms.ChoiceField(
                label=_("Laajuus"),
                required=False,
                choices=[("", _("Kaikki")), ("1", _("valtakunnallinen")), ("0", _("alueellinen"))],
            )


class ContentForm(forms.Form):
    description = forms.CharField(label=_("Kuvaus"), required=False, widget=forms.Textarea)
    goals = forms.CharField(label=_("Tavoitteet"), required=False, widget=forms.Textarea)
    results = forms.CharField(label=_("Tulokset"), required=False, widget=forms.Textarea)
    member_organisations = forms.ModelMultipleChoiceField(
        label=_("Jäsenorganisaatiot"),
        required=False,
        queryset=Organisation.objects.order_by("name_fi"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Valitse useampi pitämällä Ctrl- tai Cmd-näppäintä pohjassa."),
    )


class FrameForm(forms.Form):
    """Coordinator-only: publication, period and regions (and status for agreements)."""

    is_public = forms.BooleanField(label=_("Julkinen"), required=False)
    period_start = forms.DateField(label=_("Alkaa"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Päättyy"), widget=forms.DateInput(attrs={"type": "date"}))
    regions = forms.ModelMultipleChoiceField(
        label=_("Maakunnat"),
        required=False,
        queryset=Region.objects.mainland().order_by("name_fi"),
        widget=forms.CheckboxSelectMultiple,
    )
    is_national = forms.BooleanField(label=_("Valtakunnallinen"), required=False)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if kind == "agreement":
            self.fields["status"] = forms.ChoiceField(
                label=_("Tila"), choices=EcosystemAgreement.Status.choices
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            raise forms.ValidationError(_("Kausi päättyy ennen kuin se alkaa."))
        return data


class FundingForm(forms.Form):
    source = forms.ChoiceField(label=_("Rahoituslähde"), choices=Funding.Source.choices)
    year = forms.IntegerField(label=_("Vuosi"), min_value=2010, max_value=2040)
    amount = forms.DecimalField(
        label=_("Summa (€)"), min_value=0, max_digits=14, decimal_places=2, localize=True
    )
    note = forms.CharField(label=_("Huomautus"), required=False, max_length=255)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Nimi"), max_length=255)
    title = forms.CharField(label=_("Tehtävä"), required=False, max_length=255)
    organisation = forms.ModelChoiceField(
        label=_("Organisaatio"), required=False, queryset=Organisation.objects.order_by("name_fi")
    )
    email = forms.EmailField(label=_("Sähköposti"), required=False)
    phone = forms.CharField(label=_("Puhelin"), required=False, max_length=40)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Otsikko"), max_length=255)
    url = forms.URLField(label=_("Osoite"), max_length=500, assume_scheme="https")
    published_on = forms.DateField(
        label=_("Julkaistu"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
