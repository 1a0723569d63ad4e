"""Forms of follow-up pages. They only parse input; the rules live in the model and the services."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from alke.core.uploads import UploadField
from alke.followup.models import ImprovementItem, Status
from alke.followup.services import MAX_IMPORT_BYTES
from alke.policy.models import Theme
from alke.regions.models import Organisation, Region
from alke.rounds.models import Round


class UpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Tila"), choices=Status.choices)
    progress = forms.IntegerField(
        label=_("Edistyminen (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Kokonaisluku 0–100. Tyhjä: toteutunut 100, ei aloitettu 0, muuten ennallaan."),
    )
    on = forms.DateField(
        label=_("Päivä"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Tyhjä: tänään."),
    )
    note = forms.CharField(
        label=_("Huomio"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mitä on tehty. Pakollinen, jos edistyminen laskee tai johtopäätöksestä luovutaan."),
    )
    evidence_url = forms.URLField(
        label=_("Linkki näyttöön"), required=False, max_length=500, assume_scheme="https"
    )


class DetailsForm(forms.Form):
    responsible_organisation = forms.ModelChoiceField(
        label=_("Seurannasta vastaava organisaatio"), queryset=Organisation.objects.all(), required=False
    )
    theme = forms.ModelChoiceField(label=_("Teema raportissa"), queryset=Theme.objects.all(), required=False)


class ImportForm(forms.Form):
    file = UploadField(
        label=_("Tiedosto (CSV tai XLSX)"),
        help_text=format_lazy(
            "{} {}",
            _(
                "Sarakkeet: johtopäätös, tila, edistyminen (%), huomio, linkki, päivä. Virheellinen rivi hylkää koko tiedoston."
            ),
            _("Enintään 5 Mt."),
        ),
        max_bytes=MAX_IMPORT_BYTES,
        extensions=("csv", "xlsx"),
    )


class ReportFilterForm(forms.Form):
    kierros = forms.ModelMultipleChoiceField(
        label=_("Kierrokset"),
        queryset=Round.objects.order_by("-year"),
        to_field_name="year",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    maakunta = forms.ModelMultipleChoiceField(
        label=_("Maakunnat"),
        queryset=Region.objects.filter(is_mainland=True).order_by("code"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


class SurveyOpenForm(forms.Form):
    anonymous = forms.BooleanField(label=_("Nimetön kysely"), required=False, initial=True)
    intro_fi = forms.CharField(label=_("Saate"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    intro_sv = forms.CharField(
        label=_("Saate ruotsiksi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImprovementForm(forms.Form):
    title = forms.CharField(label=_("Otsikko"), max_length=200)
    finding = forms.CharField(label=_("Havainto"), widget=forms.Textarea(attrs={"rows": 3}))
    action = forms.CharField(label=_("Toimenpide"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.CharField(label=_("Vastuutaho"), required=False, max_length=200)
    source_round = forms.ModelChoiceField(
        label=_("Havainnon kierros"), queryset=Round.objects.order_by("-year")
    )
    target_round = forms.ModelChoiceField(
        label=_("Toteutetaan kierroksella"), queryset=Round.objects.order_by("-year"), required=False
    )
    status = forms.ChoiceField(label=_("Tila"), choices=ImprovementItem.ItemStatus.choices)
