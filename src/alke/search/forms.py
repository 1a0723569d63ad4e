from django import forms
from django.utils.translation import gettext_lazy as _

from alke.search.registry import sources


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Hakusanat"), max_length=200, required=False)
    source = forms.MultipleChoiceField(
        label=_("Rajaa"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(s.key, s.label) for s in sources()]
