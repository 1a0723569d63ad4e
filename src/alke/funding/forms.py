"""Forms of the funding pages: they validate shape; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alke.agreements.models import Conclusion
from alke.funding.models import LedgerEntry


class AppropriationForm(forms.Form):
    budget_item = forms.CharField(label=_("Momentti"), max_length=16, initial="32.30.40")
    total = forms.DecimalField(
        label=_("Määräraha yhteensä (€)"), max_digits=14, decimal_places=2, min_value=0
    )
    equal_share_percent = forms.DecimalField(
        label=_("Tasan jaettava osuus (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        initial=70,
        help_text=_("Loppuosa jaetaan maakuntien väkiluvun suhteessa (THL Sotkanet)."),
    )
    decision_reference = forms.CharField(label=_("Päätös"), max_length=255, required=False)


class EntityForm(forms.Form):
    name_fi = forms.CharField(label=_("Kokonaisuus"), max_length=255)
    name_sv = forms.CharField(label=_("Kokonaisuus ruotsiksi"), max_length=255, required=False)
    recipient = forms.CharField(label=_("Toteuttaja"), max_length=255, required=False)
    amount = forms.DecimalField(label=_("Summa (€)"), max_digits=14, decimal_places=2, min_value=0)
    conclusion = forms.ModelChoiceField(
        label=_("Johtopäätös"), queryset=Conclusion.objects.none(), required=False
    )

    def __init__(self, *args, conclusions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if conclusions is not None:
            self.fields["conclusion"].queryset = conclusions


class LedgerForm(forms.Form):
    kind = forms.ChoiceField(label=_("Laji"), choices=LedgerEntry.Kind.choices)
    amount = forms.DecimalField(label=_("Summa (€)"), max_digits=14, decimal_places=2, min_value=0)
    booked_on = forms.DateField(label=_("Päivä"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(
        label=_("Viite"), max_length=100, help_text=_("Päätöksen tai maksun tunniste.")
    )
    note = forms.CharField(label=_("Lisätieto"), max_length=255, required=False)
