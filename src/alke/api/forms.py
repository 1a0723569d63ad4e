from django import forms
from django.utils.translation import gettext_lazy as _

from alke.api.services import MAX_VALID_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nimi"),
        max_length=100,
        help_text=_("Mihin avainta käytetään, esim. maakunnan raportointijärjestelmä."),
    )
    valid_days = forms.IntegerField(
        label=_("Voimassa (päivää)"), min_value=1, max_value=MAX_VALID_DAYS, initial=90
    )
