"""Forms of the uniform templates: proposal, ministry issue, agenda item; and the decision forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alke.agenda.models import AgendaItem, MinistryIssue, Proposal
from alke.policy.models import DecisionPriority
from alke.regions.models import Ministry, Region
from alke.situation.models import Indicator


class ProposalForm(forms.ModelForm):
    """The uniform proposal template (the 2021 document's "yhdenmukaiset dokumenttipohjat")."""

    class Meta:
        model = Proposal
        fields = [
            "title",
            "kind",
            "language",
            "description",
            "request",
            "ministries",
            "objectives",
            "priorities",
            "themes",
            "indicators",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "request": forms.Textarea(attrs={"rows": 4}),
            "ministries": forms.CheckboxSelectMultiple,
            "objectives": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "priorities": forms.CheckboxSelectMultiple,
            "indicators": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, round_=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ministries"].queryset = Ministry.objects.all()
        self.fields["indicators"].queryset = Indicator.objects.filter(is_active=True)
        priorities = DecisionPriority.objects.all()
        if round_ is not None and round_.decision_id:
            priorities = priorities.filter(decision_id=round_.decision_id)
        self.fields["priorities"].queryset = priorities
        self.fields["kind"].help_text = _(
            "Pullonkaula estää kehitystä, mahdollisuus on uusi avaus, akuutti kysymys vaatii pikaista käsittelyä."
        )
        self.fields["ministries"].help_text = _(
            "Hallinnonalat, joita ehdotus koskee. Keskustelut ovat poikkihallinnollisia ilmiöitä varten."
        )


class IssueForm(forms.ModelForm):
    class Meta:
        model = MinistryIssue
        fields = ["title", "kind", "language", "description", "regions", "themes"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "regions": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = Region.objects.mainland()


class IssueMinistryForm(forms.Form):
    ministry = forms.ModelChoiceField(label=_("ministeriö"), queryset=Ministry.objects.none())

    def __init__(self, *args, ministries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ministry"].queryset = ministries if ministries is not None else Ministry.objects.all()


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "minutes", "kind", "description", "ministries", "proposals", "issue", "indicators"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "ministries": forms.CheckboxSelectMultiple,
            "proposals": forms.CheckboxSelectMultiple,
            "indicators": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, agenda=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ministries"].queryset = Ministry.objects.all()
        self.fields["indicators"].queryset = Indicator.objects.filter(is_active=True)
        if agenda is not None:
            region_ids = agenda.region_ids()
            self.fields["proposals"].queryset = Proposal.objects.filter(
                round=agenda.round, region_id__in=region_ids
            ).exclude(status__in=[Proposal.Status.DRAFT, Proposal.Status.DECLINED])
            self.fields["issue"].queryset = MinistryIssue.objects.filter(
                round=agenda.round, regions__in=region_ids
            ).distinct()
            self.fields["minutes"].widget.attrs.update({"min": 5, "max": agenda.session_minutes})


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("päätös"),
        choices=[
            (Proposal.Status.ACCEPTED, _("hyväksytään agendalle")),
            (Proposal.Status.MERGED, _("yhdistetään toiseen ehdotukseen")),
            (Proposal.Status.DECLINED, _("hylätään")),
        ],
        widget=forms.RadioSelect,
    )
    merged_into = forms.ModelChoiceField(
        label=_("yhdistetään ehdotukseen"), queryset=Proposal.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("perustelu"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Pakollinen, kun ehdotus hylätään."),
    )

    def __init__(self, *args, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        if proposal is not None:
            self.fields["merged_into"].queryset = (
                Proposal.objects.filter(
                    round=proposal.round, status__in=[Proposal.Status.SUBMITTED, Proposal.Status.ACCEPTED]
                )
                .exclude(pk=proposal.pk)
                .select_related("region")
            )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("kommentti"), widget=forms.Textarea(attrs={"rows": 3}))


class SuggestionDecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("päätös"),
        choices=[("1", _("hyväksy")), ("0", _("hylkää"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("perustelu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pakollinen, kun ehdotus hylätään."),
    )


class CandidateDecisionForm(forms.Form):
    take = forms.TypedChoiceField(
        label=_("päätös"),
        choices=[("1", _("otetaan agendalle")), ("0", _("ei oteta"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("perustelu"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SessionMinutesForm(forms.Form):
    minutes = forms.IntegerField(label=_("keskustelun kesto (min)"), min_value=30, max_value=480)
