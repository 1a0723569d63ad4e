from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alke.policy.models import DevelopmentDecision, Theme
from alke.rounds.models import PHASE_ORDER, Phase


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("vuosi"), min_value=2017, max_value=2100)
    name = forms.CharField(
        label=_("nimi"), max_length=100, required=False, help_text=_("Oletuksena ”ALKE vuosi”.")
    )
    common_theme = forms.ModelChoiceField(
        label=_("yhteinen teema"),
        queryset=Theme.objects.all(),
        required=False,
        help_text=_("AUNE:n päättämä teema, joka on jokaisen maakunnan agendalla."),
    )
    decision = forms.ModelChoiceField(
        label=_("aluekehittämispäätös"), queryset=DevelopmentDecision.objects.all(), required=False
    )
    session_minutes = forms.IntegerField(
        label=_("keskustelun kesto (min)"), initial=150, min_value=15, max_value=480
    )


class PhasePlanForm(forms.Form):
    """Start and end (deadline) of every phase; empty rows are left unplanned."""

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        plans = plans or {}
        for phase in PHASE_ORDER:
            label = Phase(phase).label
            plan = plans.get(phase)
            self.fields[f"{phase}_start"] = forms.DateField(
                label=_("%(phase)s alkaa") % {"phase": label},
                required=False,
                initial=plan.starts_on if plan else None,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"{phase}_end"] = forms.DateField(
                label=_("%(phase)s päättyy") % {"phase": label},
                required=False,
                initial=plan.ends_on if plan else None,
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    def clean(self):
        data = super().clean()
        for phase in PHASE_ORDER:
            start, end = data.get(f"{phase}_start"), data.get(f"{phase}_end")
            if bool(start) != bool(end):
                self.add_error(f"{phase}_end", _("Anna sekä alkamis- että päättymispäivä."))
            elif start and end and end < start:
                self.add_error(f"{phase}_end", _("Päättymispäivä on ennen alkamispäivää."))
        return data

    def planned(self) -> dict:
        return {
            phase: (self.cleaned_data[f"{phase}_start"], self.cleaned_data[f"{phase}_end"])
            for phase in PHASE_ORDER
            if self.cleaned_data.get(f"{phase}_start") and self.cleaned_data.get(f"{phase}_end")
        }


class MovePhaseForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("siirrä vaiheeseen"), choices=Phase.choices)
    reason = forms.CharField(
        label=_("perustelu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pakollinen, kun kierros palautetaan edelliseen vaiheeseen."),
    )
