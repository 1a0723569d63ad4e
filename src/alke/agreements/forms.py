"""Forms: they validate shape; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alke.agenda.models import AgendaItem
from alke.agreements.models import AgendaItemMinutes, Conclusion, CooperationDocument
from alke.regions.models import Ministry, Organisation

TEXTAREA = {"rows": 4}


class ConclusionForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Agendan kohta"),
        queryset=AgendaItem.objects.none(),
        required=False,
        help_text=_("Keskustelun kohta, josta johtopäätös syntyi."),
    )
    text_fi = forms.CharField(label=_("Johtopäätös suomeksi"), widget=forms.Textarea(attrs=TEXTAREA))
    text_sv = forms.CharField(
        label=_("Johtopäätös ruotsiksi"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Kaksikielisen maakunnan asiakirjaan."),
    )
    ministries = forms.ModelMultipleChoiceField(
        label=_("Vastuuministeriöt"),
        queryset=Ministry.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    region_responsible = forms.BooleanField(label=_("Maakunnan liitto on vastuutaho"), required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Muut vastuuorganisaatiot"),
        queryset=Organisation.objects.exclude(kind__in=["ministry", "regional_council"]),
        required=False,
        help_text=_("Valitse useita Ctrl- tai Cmd-näppäimellä."),
    )
    other_parties = forms.CharField(
        label=_("Muut vastuutahot"),
        required=False,
        max_length=255,
        help_text=_("Esimerkiksi ELY-keskus tai keskuskaupunki, pilkulla eroteltuina."),
    )
    deadline = forms.DateField(
        label=_("Määräaika"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    needs_budget_decision = forms.BooleanField(
        label=_("Edellyttää budjettipäätöstä"),
        required=False,
        help_text=_("Johtopäätös näkyy ministeriön työlistalla talousarvio- ja JTS-valmistelua varten."),
    )

    def __init__(self, *args, agenda_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agenda_items is not None:
            self.fields["agenda_item"].queryset = agenda_items
        if not self.fields["agenda_item"].queryset.exists():
            del self.fields["agenda_item"]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.setdefault("agenda_item", None)
        return data

    @classmethod
    def initial_for(cls, conclusion: Conclusion) -> dict:
        return {
            "agenda_item": conclusion.agenda_item,
            "text_fi": conclusion.text_fi,
            "text_sv": conclusion.text_sv,
            "ministries": list(conclusion.ministries.all()),
            "region_responsible": conclusion.region_responsible,
            "organisations": list(conclusion.organisations.all()),
            "other_parties": conclusion.other_parties,
            "deadline": conclusion.deadline,
            "needs_budget_decision": conclusion.needs_budget_decision,
        }


class MinutesForm(forms.Form):
    """The minutes of a discussion, one Finnish and one Swedish text per agenda item."""

    def __init__(self, *args, items=(), stored=None, **kwargs):
        stored = stored or {}
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            minutes = stored.get(item.pk)
            self.fields[f"fi-{item.pk}"] = forms.CharField(
                label=_("Muistio suomeksi"),
                required=False,
                initial=minutes.text_fi if minutes else "",
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=_("Mitä kohdasta keskusteltiin. Kappaleet erotetaan tyhjällä rivillä."),
            )
            self.fields[f"sv-{item.pk}"] = forms.CharField(
                label=_("Muistio ruotsiksi"),
                required=False,
                initial=minutes.text_sv if minutes else "",
                widget=forms.Textarea(attrs=TEXTAREA),
                help_text=_("Kaksikielisen maakunnan asiakirjaan."),
            )
            self.fields[f"opened-{item.pk}"] = forms.CharField(
                required=False,
                max_length=64,
                widget=forms.HiddenInput,
                initial=AgendaItemMinutes.digest(
                    minutes.text_fi if minutes else "", minutes.text_sv if minutes else ""
                ),
            )

    def rows(self):
        """(agenda item, Finnish field, Swedish field, hidden fingerprint) for the template."""
        return [
            (item, self[f"fi-{item.pk}"], self[f"sv-{item.pk}"], self[f"opened-{item.pk}"])
            for item in self.items
        ]

    def texts(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {item.pk: (data[f"fi-{item.pk}"], data[f"sv-{item.pk}"]) for item in self.items}

    def opened(self) -> dict[int, str]:
        data = self.cleaned_data
        return {item.pk: data[f"opened-{item.pk}"] for item in self.items if data[f"opened-{item.pk}"]}


class IndicatorLinkForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indikaattori"))
    target_year = forms.IntegerField(label=_("Tavoitevuosi"), required=False, min_value=2000, max_value=2100)
    target_value = forms.DecimalField(label=_("Tavoitearvo"), required=False, max_digits=16, decimal_places=4)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = choices


class DocumentForm(forms.Form):
    """The editable sections of a draft; `lock_version` carries the version the editor opened."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    include_swedish = forms.BooleanField(
        label=_("Laadi asiakirja myös ruotsiksi"),
        required=False,
        help_text=_("Kaksikielisen maakunnan asiakirja on aina myös ruotsiksi."),
    )
    note = forms.CharField(label=_("Muutoksen kuvaus (valinnainen)"), required=False, max_length=500)

    def __init__(self, *args, swedish: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "parties": _("Osapuolet"),
            "background": _("Tausta ja tilannekuvan yhteenveto"),
            "common_theme": _("Yhteinen teema"),
            "own_themes": _("Maakunnan omat teemat"),
            "followup": _("Seurannan järjestelyt"),
        }
        for name in CooperationDocument.SECTION_FIELDS:
            self.fields[f"{name}_fi"] = forms.CharField(
                label=labels[name], required=False, widget=forms.Textarea(attrs=TEXTAREA)
            )
            if swedish:
                self.fields[f"{name}_sv"] = forms.CharField(
                    label=_("%(section)s ruotsiksi") % {"section": labels[name]},
                    required=False,
                    widget=forms.Textarea(attrs=TEXTAREA),
                )
        # The note last, after the sections.
        self.order_fields([*(f for f in self.fields if f not in ("note",)), "note"])

    def section_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("lock_version", "note")}


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Kommentti"), widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Syy uudelleenavaamiseen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Syy kirjataan asiakirjan versiohistoriaan. Uusi versio vaatii uudet hyväksynnät."),
    )
