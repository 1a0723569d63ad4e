from django import forms
from django.utils.translation import gettext_lazy as _

from alke.accounts.models import MembershipRequest
from alke.accounts.selectors import requestable_organisations


class MembershipRequestForm(forms.ModelForm):
    class Meta:
        model = MembershipRequest
        fields = ["organisation", "role", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = requestable_organisations()
        self.fields["organisation"].help_text = _("Organisaatio, jonka puolesta toimit alkessa.")


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Perustelu (näkyy pyytäjälle)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
